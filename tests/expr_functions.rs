//! Ash's expression functions through `expr!` (issue 8, item 6), the same
//! records on every layer: `string_trim`, `string_starts_with` and
//! `string_ends_with` (literal, never a pattern), `rem`, `is_distinct_from`,
//! `count_nils`, `string_position`, `string_split`, `at`, `round`, `minus`
//! and `cond`. (The differential table in the runtime compares them with
//! SQLite row by row.)

use resource::dsl::resource;
use resource::expr;
use resource::prelude::*;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub File {
        attributes {
            integer_primary_key id;
            attribute path: String { allow_nil: false, public: true, constraints { trim: false } }
            attribute size: Option<i64> { public: true }
            attribute owner: Option<String> { public: true }
        }
        calculations {
            calculate trimmed: String = expr(string_trim(path));
            calculate missing: i64 = expr(count_nils([size, owner]));
            calculate kind: Option<String> = expr(cond { size > 8 => "big", size > 0 => "small" });
            calculate ext: Option<String> = expr(at(string_split(string_trim(path), "."), -1));
            calculate third: Option<f64> = expr(round(size / 3, 1));
        }
        actions {
            default_accept [path, size, owner];
            defaults [create, read];
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<File>())
}

on_every_layer!(domain; functions_filter_alike_on_every_layer, list_and_rounding_functions_and_cond);

fn paths(files: Vec<File>) -> Vec<String> {
    let mut paths: Vec<String> = files.into_iter().map(|f| f.path).collect();
    paths.sort();
    paths
}

fn functions_filter_alike_on_every_layer(d: &Domain) {
    File::create().path("src/lib.rs").size(10).owner("ann").run(d).unwrap();
    File::create().path("src/%weird_.rs").size(7).run(d).unwrap();
    File::create().path(" docs/a.md ").run(d).unwrap();
    let read = |query: resource::Query<File>| paths(query.run(d).unwrap());
    assert_eq!(read(File::read().filter(expr!(string_starts_with(path, "src/")))), ["src/%weird_.rs", "src/lib.rs"]);
    // `%` and `_` are literal characters here, not patterns.
    assert_eq!(read(File::read().filter(expr!(string_starts_with(path, "src/%")))), ["src/%weird_.rs"]);
    assert_eq!(read(File::read().filter(expr!(string_ends_with(path, "_.rs")))), ["src/%weird_.rs"]);
    assert_eq!(read(File::read().filter(expr!(string_ends_with(string_trim(path), ".md")))), [" docs/a.md "]);
    assert_eq!(read(File::read().filter(expr!(rem(size, 2) == 0))), ["src/lib.rs"]);
    assert_eq!(read(File::read().filter(expr!(is_distinct_from(owner, "ann")))), [" docs/a.md ", "src/%weird_.rs"]);
    assert_eq!(read(File::read().filter(expr!(count_nils([size, owner]) == 2))), [" docs/a.md "]);
    let loaded = File::read().load(file::trimmed).load(file::missing).sort(file::id.asc()).run(d).unwrap();
    let shown: Vec<(&str, i64)> =
        loaded.iter().map(|f| (f.trimmed.get().unwrap().as_str(), *f.missing.get().unwrap())).collect();
    assert_eq!(shown, [("src/lib.rs", 0), ("src/%weird_.rs", 1), ("docs/a.md", 2)]);
}

fn list_and_rounding_functions_and_cond(d: &Domain) {
    File::create().path("src/lib.rs").size(10).owner("ann").run(d).unwrap();
    File::create().path("src/%weird_.rs").size(7).run(d).unwrap();
    File::create().path(" docs/a.md ").run(d).unwrap();
    let read = |query: resource::Query<File>| paths(query.run(d).unwrap());
    assert_eq!(read(File::read().filter(expr!(string_position(path, "/") == 3))), ["src/%weird_.rs", "src/lib.rs"]);
    assert_eq!(
        read(File::read().filter(expr!(is_nil(string_position(path, "lib"))))),
        [" docs/a.md ", "src/%weird_.rs"]
    );
    assert_eq!(read(File::read().filter(expr!(at(string_split(path, "/"), 1) == "lib.rs"))), ["src/lib.rs"]);
    assert_eq!(read(File::read().filter(expr!(round(size / 4) == 2))), ["src/%weird_.rs"]);
    assert_eq!(read(File::read().filter(expr!(minus(size) < -8))), ["src/lib.rs"]);
    let loaded = File::read().load(file::kind).load(file::ext).load(file::third).sort(file::id.asc()).run(d).unwrap();
    let shown: Vec<(Option<String>, Option<String>, Option<f64>)> = loaded
        .iter()
        .map(|f| (f.kind.get().unwrap().clone(), f.ext.get().unwrap().clone(), *f.third.get().unwrap()))
        .collect();
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        shown,
        [(some("big"), some("rs"), Some(3.3)), (some("small"), some("rs"), Some(2.3)), (None, some("md"), None)]
    );
}
