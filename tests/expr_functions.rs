//! Ash's expression functions through `expr!` (issue 8, item 6), the same
//! records on every layer: `string_trim`, `string_starts_with` and
//! `string_ends_with` (literal, never a pattern), `rem`, `is_distinct_from`,
//! `count_nils`. (The differential table in the runtime compares them with
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

on_every_layer!(domain; functions_filter_alike_on_every_layer);

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
