//! Ash's expression functions through `expr!` (issue 8, item 6), the same
//! records on every layer: `string_trim`, `string_starts_with` and
//! `string_ends_with` (literal, never a pattern), `rem`, `is_distinct_from`,
//! `count_nils`, `string_position`, `string_split`, `at`, `round`, `minus`
//! and `cond`; the datetime functions `ago`, `from_now`, `datetime_add`,
//! `date_add`, `start_of_day`, and `error(..)`. (The differential table in the runtime compares them with
//! SQLite row by row.)

use resource::chrono::{DateTime, Duration, NaiveDate, Utc};
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

resource! {
    pub Event {
        attributes {
            integer_primary_key id;
            attribute name: String { allow_nil: false, public: true }
            attribute at: Option<DateTime<Utc>> { public: true }
            attribute on: Option<NaiveDate> { public: true }
            attribute months: Option<i64> { public: true }
        }
        calculations {
            calculate due: Option<DateTime<Utc>> = expr(datetime_add(at, months, month));
            calculate next_week: Option<NaiveDate> = expr(date_add(on, 1, :week));
            calculate day_start: Option<DateTime<Utc>> = expr(start_of_day(at));
            calculate checked: Option<i64> = expr(if months > 12 { error("at most a year") } else { months });
        }
        actions {
            default_accept [name, at, on, months];
            defaults [create, read];
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<File>().register::<Event>())
}

on_every_layer!(
    domain;
    functions_filter_alike_on_every_layer,
    list_and_rounding_functions_and_cond,
    datetime_functions_on_every_layer,
    error_fails_on_every_layer
);

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

fn names(events: Vec<Event>) -> Vec<String> {
    let mut names: Vec<String> = events.into_iter().map(|e| e.name).collect();
    names.sort();
    names
}

fn datetime_functions_on_every_layer(d: &Domain) {
    let now = Utc::now();
    Event::create()
        .name("recent")
        .at(now - Duration::hours(2))
        .on(NaiveDate::from_ymd_opt(2024, 1, 31).unwrap())
        .months(1)
        .run(d)
        .unwrap();
    Event::create().name("old").at(now - Duration::days(10)).months(-1).run(d).unwrap();
    Event::create().name("soon").at(now + Duration::days(3)).run(d).unwrap();
    Event::create().name("leap").at(at("2024-01-31T12:30:00.123456Z")).months(13).run(d).unwrap();
    Event::create().name("never").run(d).unwrap();
    let read = |query: resource::Query<Event>| names(query.run(d).unwrap());
    assert_eq!(read(Event::read().filter(expr!(at > ago(1, day)))), ["recent", "soon"]);
    assert_eq!(read(Event::read().filter(expr!(at > ago(2, week) && at < ago(1, "day")))), ["old"]);
    assert_eq!(read(Event::read().filter(expr!(at > from_now(1, day)))), ["soon"]);
    assert_eq!(read(Event::read().filter(expr!(at < from_now(-30, :day)))), ["leap"]);
    assert_eq!(read(Event::read().filter(expr!(datetime_add(at, months, month) > ago(1, day)))), ["recent"]);
    assert_eq!(read(Event::read().filter(expr!(start_of_day(at) == ^at("2024-01-31T00:00:00Z")))), ["leap"]);
    let unit = "hour";
    assert_eq!(read(Event::read().filter(expr!(at > datetime_add(^now, -3, ^unit) && at < ^now))), ["recent"]);

    let loaded = Event::read()
        .filter(expr!(name == "leap" || name == "recent"))
        .load(event::due)
        .load(event::next_week)
        .load(event::day_start)
        .sort(event::id.asc())
        .run(d)
        .unwrap();
    let recent = &loaded[0];
    assert_eq!(*recent.next_week.get().unwrap(), NaiveDate::from_ymd_opt(2024, 2, 7));
    let leap = &loaded[1];
    // Jan 31 + 13 months: Feb 2025 has 28 days; microseconds kept.
    assert_eq!(*leap.due.get().unwrap(), Some(at("2025-02-28T12:30:00.123456Z")));
    assert_eq!(*leap.day_start.get().unwrap(), Some(at("2024-01-31T00:00:00Z")));
    assert_eq!(*leap.next_week.get().unwrap(), None, "nil in, nil out");
}

fn error_fails_on_every_layer(d: &Domain) {
    Event::create().name("a").months(3).run(d).unwrap();
    let loaded = Event::read().load(event::checked).run(d).unwrap();
    assert_eq!(*loaded[0].checked.get().unwrap(), Some(3));
    Event::create().name("b").months(30).run(d).unwrap();
    let err = Event::read().load(event::checked).run(d).unwrap_err();
    assert_eq!(err, resource::Error::InvalidExpression { message: "at most a year".into() }, "{err}");
    let err = Event::read().filter(expr!(if months > 12 { error("too long") } else { true })).run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid expression: too long");
    assert_eq!(names(Event::read().filter(expr!(months < 12)).run(d).unwrap()), ["a"]);
}

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
