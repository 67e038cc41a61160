//! Compile-fail and compile-pass tests of the macros, with exact `.stderr`.
//! Bless new output with `TRYBUILD=overwrite cargo test --test ui`, then
//! read every changed `.stderr`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
