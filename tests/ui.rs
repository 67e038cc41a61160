//! Compile-fail and compile-pass tests of the macros, with exact `.stderr`.
//! Bless new output with `TRYBUILD=overwrite cargo test --test ui`, then
//! read every changed `.stderr`.
//!
//! The `.stderr` files are rustc's exact words, which change between
//! compiler releases: they were made with [`PINNED_RUSTC`]. Under another
//! compiler the compile-fail cases are skipped with a notice (the pass cases
//! still run), so a compiler upgrade does not turn CI red for wording; set
//! `UI_ANY_RUSTC=1` to run them anyway, and re-bless after an upgrade.

use std::process::Command;

/// The compiler the `.stderr` files were made with (`rustc --version`).
const PINNED_RUSTC: &str = "rustc 1.95.0 ";

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    let version = rustc_version();
    if version.starts_with(PINNED_RUSTC) || std::env::var_os("UI_ANY_RUSTC").is_some() {
        t.compile_fail("tests/ui/fail/*.rs");
    } else {
        eprintln!(
            "note: skipping the compile-fail cases: their .stderr files were made with `{}`, this is `{version}` \
             (set UI_ANY_RUSTC=1 to run them, and re-bless with TRYBUILD=overwrite)",
            PINNED_RUSTC.trim_end()
        );
    }
    t.pass("tests/ui/pass/*.rs");
}

fn rustc_version() -> String {
    let output = Command::new("rustc").arg("--version").output().expect("rustc runs");
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}
