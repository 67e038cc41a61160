//! Random JSON through the dynamic changeset, on every layer (issue 8,
//! items 12-17): whatever the input, no panic; every error is
//! `Error::Invalid` naming a field; after each call the table holds exactly
//! the records the calls that succeeded returned, and every row reads back
//! as a typed record (checked after every call until the table holds 500
//! records, then every 32 calls; each write is also read back by its key).
//!
//! CI runs a few cases per layer; on demand:
//! `RANDOM_INPUT_CASES=100000 cargo test --release --test random_input`.

use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use resource::dsl::resource;
use resource::prelude::*;
use serde_json::{Map, Value as Json};

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

/// A ticket's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, resource::Atom)]
pub enum Status {
    Open,
    Closed,
}

resource! {
    pub Sample {
        attributes {
            uuid_primary_key id;
            attribute label: String { allow_nil: false, public: true, constraints { min_length: 1, max_length: 40 } }
            attribute note: Option<String> { public: true }
            attribute email: Option<CiString> { public: true, constraints { match: "@" } }
            attribute count: Option<i32> { public: true, constraints { min: -5 } }
            attribute big: Option<i64> { public: true }
            attribute ratio: Option<f64> { public: true }
            attribute price: Option<Decimal> { public: true }
            attribute flag: Option<bool> { public: true }
            attribute day: Option<resource::chrono::NaiveDate> { public: true }
            attribute at: Option<resource::chrono::DateTime<resource::chrono::Utc>> { public: true }
            attribute other: Option<Uuid> { public: true }
            attribute status: Option<Status> { public: true }
            attribute extra: Option<serde_json::Value> { public: true }
        }
        identities {
            identity unique_label [label];
        }
        actions {
            default_accept [label, note, email, count, big, ratio, price, flag, day, at, other, status, extra];
            defaults [create, read];
        }
    }
}

const KEYS: &[&str] = &[
    "label", "note", "email", "count", "big", "ratio", "price", "flag", "day", "at", "other", "status", "extra", "",
    "id", "unknown",
];

/// Strings that poke at the cast: numbers in odd forms, dates, NUL, long and non-ASCII text.
fn tricky_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("50_50".to_string()),
        Just("1,5".to_string()),
        Just("1.5e2".to_string()),
        Just("NaN".to_string()),
        Just("-0.0".to_string()),
        Just("2026-02-30".to_string()),
        Just("2026-12-02T01:02:03.123456789Z".to_string()),
        Just("0000-01-01".to_string()),
        Just("a\0b%c".to_string()),
        Just("ÄRGER@x".to_string()),
        Just("open".to_string()),
        Just("00000000-0000-0000-0000-000000000000".to_string()),
        Just("x".repeat(200)),
        "\\PC{0,12}",
        "[0-9.eE+-]{1,12}",
    ]
}

fn leaf() -> impl Strategy<Value = Json> {
    prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(Json::from),
        any::<u64>().prop_map(Json::from),
        (-3_000_000_000i64..3_000_000_000).prop_map(Json::from),
        any::<f64>().prop_map(Json::from),
        tricky_string().prop_map(Json::String),
    ]
}

fn json_value() -> impl Strategy<Value = Json> {
    leaf().prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Json::Array),
            prop::collection::vec(("[a-z]{0,4}", inner), 0..3)
                .prop_map(|entries| Json::Object(entries.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A value that usually fits `key`, so that many inputs are written.
fn plausible(key: &'static str) -> BoxedStrategy<Json> {
    match key {
        "note" | "label" => "[a-zA-Z0-9 \\PC]{1,12}".prop_map(Json::String).boxed(),
        "email" => "[a-zA-ZÄÖü]{1,6}@[a-z]{1,6}".prop_map(Json::String).boxed(),
        "count" => (-10i64..10).prop_map(Json::from).boxed(),
        "big" => any::<i64>().prop_map(Json::from).boxed(),
        "ratio" => any::<f64>().prop_map(Json::from).boxed(),
        "price" => "-?[0-9]{1,20}(\\.[0-9]{1,10})?".prop_map(Json::String).boxed(),
        "flag" => any::<bool>().prop_map(Json::Bool).boxed(),
        "day" => {
            (1i32..9999, 1u32..13, 1u32..32).prop_map(|(y, m, d)| Json::String(format!("{y:04}-{m:02}-{d:02}"))).boxed()
        }
        "at" => (0i64..253_402_300_799, 0u32..1_000_000)
            .prop_map(|(s, us)| {
                Json::String(resource::chrono::DateTime::from_timestamp(s, us * 1000).unwrap().to_rfc3339())
            })
            .boxed(),
        "other" => any::<u128>().prop_map(|n| Json::String(Uuid::from_u128(n).to_string())).boxed(),
        "status" => prop::sample::select(&["open", "closed", "Open", "pending"][..])
            .prop_map(|s| Json::String(s.into()))
            .boxed(),
        _ => json_value().boxed(),
    }
}

/// An input object: usually a fresh label and values that mostly fit, with
/// random values and unknown keys mixed in; sometimes anything at all.
fn input() -> impl Strategy<Value = Json> {
    let entry = prop::sample::select(KEYS).prop_flat_map(|key| {
        prop_oneof![3 => plausible(key), 1 => json_value()].prop_map(move |value| (key.to_string(), value))
    });
    prop_oneof![
        6 => ("[a-z]{12}", prop::collection::vec(entry, 0..6)).prop_map(|(label, entries)| {
            let mut object: Map<String, Json> = entries.into_iter().collect();
            object.entry("label").or_insert(Json::String(label));
            Json::Object(object)
        }),
        1 => json_value(),
    ]
}

fn cases() -> u32 {
    std::env::var("RANDOM_INPUT_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(48)
}

fn check_layer(layer: Layer) {
    let domain: TestDomain = domain_on(layer, |builder| builder.register::<Sample>());
    let written: RefCell<Vec<Sample>> = RefCell::new(Vec::new());
    let calls = std::cell::Cell::new(0u64);
    let mut runner = TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() });
    let result = runner.run(&input(), |input| {
        let outcome =
            catch_unwind(AssertUnwindSafe(|| Changeset::<Sample>::for_create(&domain, "create", &input).run()));
        let outcome = outcome.map_err(|_| TestCaseError::fail(format!("panicked on {input}")))?;
        match outcome {
            Ok(record) => {
                let stored: Sample = domain
                    .get(vec![record.id.into()])
                    .map_err(|e| TestCaseError::fail(format!("get after writing {input}: {e}")))?;
                prop_assert_eq!(&stored, &record, "read back after {}", input);
                written.borrow_mut().push(record);
            }
            Err(Error::Invalid(errors)) => {
                prop_assert!(!errors.is_empty(), "an empty Invalid on {}", input);
                for error in &errors {
                    prop_assert!(!error.fields.is_empty(), "an error naming no field on {}: {}", input, error);
                }
            }
            Err(other) => return Err(TestCaseError::fail(format!("{other} (not a field error) on {input}"))),
        }
        // The whole table, typed: after every call while it is small (all of
        // CI's cases), then every 32 calls (each check reads the whole table).
        calls.set(calls.get() + 1);
        if written.borrow().len() < 500 || calls.get().is_multiple_of(32) {
            check_table(&domain, &written.borrow()).map_err(|e| TestCaseError::fail(format!("after {input}: {e}")))?;
        }
        Ok(())
    });
    if let Err(error) = result {
        panic!("{layer:?}: {error}");
    }
    check_table(&domain, &written.borrow()).unwrap_or_else(|e| panic!("{layer:?}, at the end: {e}"));
    eprintln!("{layer:?}: {} of {} random inputs written", written.borrow().len(), cases());
}

/// The table holds exactly `written`, and every row reads back typed.
fn check_table(domain: &Domain, written: &[Sample]) -> Result<(), String> {
    let mut stored = Sample::read().run(domain).map_err(|e| format!("reading the table back: {e}"))?;
    let mut expected = written.to_vec();
    stored.sort_by_key(|s| s.id);
    expected.sort_by_key(|s| s.id);
    if stored != expected {
        return Err(format!("the table has {} records, the acknowledged writes {}", stored.len(), expected.len()));
    }
    Ok(())
}

#[test]
fn random_input_on_ets() {
    check_layer(Layer::Ets);
}

#[test]
fn random_input_on_sqlite_in_memory() {
    check_layer(Layer::Sqlite);
}

#[test]
fn random_input_on_a_sqlite_file() {
    check_layer(Layer::SqliteFile);
}
