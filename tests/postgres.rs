//! The PostgreSQL layer through the public API, beyond the behaviour
//! suite (which runs on it through `on_every_layer!`): resources declaring
//! `Postgres` beside SQLite ones in one domain, both surfaces' `postgres`
//! section, and bad input from the server (down, gone mid-session, a
//! statement timeout, a read-only server) as typed errors with the pool
//! recovering. Needs the `postgres` feature; without
//! `RESOURCE_TEST_POSTGRES_URL` each test prints a notice and passes.
#![cfg(feature = "postgres")]

mod sqlite_common;

use std::time::Duration;

use resource::dsl::resource;
use resource::prelude::*;
use resource::{Error, Postgres, PostgresOptions, Sqlite};
use sqlite_common::{TempSchema, postgres_url};

resource! {
    /// Kept on PostgreSQL, in the table the `postgres` section names.
    pub Account {
        data_layer: Postgres,
        attributes {
            uuid_primary_key id;
            attribute email: CiString { allow_nil: false, public: true }
            attribute balance: Decimal { default: dec!(0), public: true }
        }
        identities { identity unique_email [email]; }
        actions {
            default_accept [email, balance];
            defaults [create, read, update, destroy];
        }
        postgres { table: "pg_accounts"; }
    }
}

resource! {
    /// Kept on SQLite in the same domain.
    pub Note {
        data_layer: Sqlite,
        attributes {
            integer_primary_key id;
            attribute body: String { allow_nil: false, public: true }
        }
        actions {
            default_accept [body];
            defaults [create, read];
        }
    }
}

/// The attribute surface's spelling of a PostgreSQL resource.
#[resource(data_layer = postgres)]
#[postgres(table = "pg_tags")]
#[actions(default_accept(label), defaults(create, read))]
pub struct Tag {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(public)]
    pub label: String,
}

/// The test server's URL with a connection parameter added (`key=value`
/// in either form of URL).
fn url_with(key: &str, value: &str) -> String {
    let url = postgres_url().expect("a server");
    if url.contains("://") {
        let separator = if url.contains('?') { '&' } else { '?' };
        format!("{url}{separator}{key}={}", value.replace(' ', "%20").replace('=', "%3D"))
    } else {
        format!("{url} {key}='{value}'")
    }
}

/// A schema of its own, or `None` (and a notice) without a server.
fn schema() -> Option<TempSchema> {
    let schema = TempSchema::new();
    if schema.is_none() {
        eprintln!("skipped: set RESOURCE_TEST_POSTGRES_URL to run on PostgreSQL");
    }
    schema
}

#[test]
fn one_domain_keeps_some_resources_on_sqlite_and_others_on_postgres() {
    let Some(schema) = schema() else { return };
    let sqlite = Sqlite::memory().unwrap();
    let d = Domain::new()
        .with_postgres(schema.db.clone())
        .with_sqlite(sqlite.clone())
        .register::<Account>()
        .register::<Note>()
        .register::<Tag>()
        .build()
        .unwrap();
    let ann = Account::create().email("Ann@Example.com").balance(dec!(10.50)).run(&d).unwrap();
    Note::create().body("on sqlite").run(&d).unwrap();
    Tag::create().label("on postgres").run(&d).unwrap();
    assert!(schema.db.has_table(Account::info()).unwrap(), "the `postgres` section's table");
    assert!(schema.db.has_table(Tag::info()).unwrap(), "the attribute surface's table");
    assert!(!schema.db.has_table(Note::info()).unwrap(), "notes stay on SQLite");
    assert!(sqlite.has_table(Note::info()).unwrap());
    assert!(!sqlite.has_table(Account::info()).unwrap());
    // ci_string identity, folded by the database.
    let err = Account::create().email("ann@EXAMPLE.com").run(&d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: email: has already been taken");
    let found = Account::read().filter(expr!(email == "ANN@example.COM")).run(&d).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, ann.id);
    assert_eq!(found[0].balance, dec!(10.50), "numeric keeps the scale");
    assert_eq!(Note::read().run(&d).unwrap().len(), 1);
    assert_eq!(Tag::read().run(&d).unwrap()[0].label, "on postgres");
}

#[test]
fn a_server_that_is_down_is_unavailable() {
    if postgres_url().is_none() {
        eprintln!("skipped: set RESOURCE_TEST_POSTGRES_URL to run on PostgreSQL");
        return;
    }
    // Nothing listens on port 1; the connect fails fast.
    let options = PostgresOptions::default().connect_timeout(Duration::from_secs(2));
    let err = Postgres::connect_with("host=127.0.0.1 port=1 user=nobody dbname=none", options).unwrap_err();
    assert!(matches!(err, Error::Unavailable { .. }), "{err:?}");
}

#[test]
fn a_statement_timeout_is_unavailable_and_the_connection_goes_on() {
    let Some(schema) = TempSchema::with(|o| o.statement_timeout(Duration::from_millis(100))) else {
        eprintln!("skipped: set RESOURCE_TEST_POSTGRES_URL to run on PostgreSQL");
        return;
    };
    let d = Domain::new().with_postgres(schema.db.clone()).register::<Account>().build().unwrap();
    let err = schema.db.execute_batch("SELECT pg_sleep(2)").unwrap_err();
    assert!(matches!(&err, Error::Unavailable { message } if message.contains("statement timeout")), "{err:?}");
    Account::create().email("after@example.com").run(&d).unwrap();
    assert_eq!(Account::read().run(&d).unwrap().len(), 1);
}

#[test]
fn the_pool_recovers_when_the_server_drops_its_connections() {
    let Some(schema) = schema() else { return };
    // The pool under test names its connections, so that only they are killed.
    let name = format!("victim_{}", std::process::id());
    let options = PostgresOptions::default().schema(&schema.name).pool_size(3);
    let db = Postgres::connect_with(&url_with("application_name", &name), options).unwrap();
    db.create_schema([Account::info()]).unwrap();
    let d = Domain::new().with_postgres(db).register::<Account>().build().unwrap();
    Account::create().email("before@example.com").run(&d).unwrap();
    schema
        .db
        .execute_batch(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{name}'"
        ))
        .unwrap();
    // A statement meeting a dead connection is Unavailable, never a panic;
    // the pool drops it and the next ones get new connections.
    let mut outcomes = Vec::new();
    for i in 0..6 {
        outcomes.push(Account::create().email(format!("after{i}@example.com")).run(&d).map(|_| ()));
    }
    for outcome in &outcomes {
        if let Err(err) = outcome {
            assert!(matches!(err, Error::Unavailable { .. }), "{err:?}");
        }
    }
    assert!(outcomes.last().unwrap().is_ok(), "{outcomes:?}");
    let written = outcomes.iter().filter(|o| o.is_ok()).count();
    assert_eq!(Account::read().run(&d).unwrap().len(), 1 + written, "nothing half-written");
}

#[test]
fn a_read_only_server_is_read_only_and_writes_nothing() {
    let Some(schema) = schema() else { return };
    let d = Domain::new().with_postgres(schema.db.clone()).register::<Account>().build().unwrap();
    Account::create().email("kept@example.com").run(&d).unwrap();
    // A replica: every transaction read-only.
    let url = url_with("options", "-c default_transaction_read_only=on");
    let replica = Postgres::connect_with(&url, PostgresOptions::default().schema(&schema.name)).unwrap();
    let r = Domain::new().with_postgres(replica).register::<Account>().build().unwrap();
    let err = Account::create().email("new@example.com").run(&r).unwrap_err();
    assert!(matches!(err, Error::ReadOnly { .. }), "{err:?}");
    assert_eq!(Account::read().run(&r).unwrap().len(), 1, "reads still work");
    assert_eq!(Account::read().run(&d).unwrap().len(), 1, "nothing was written");
}

resource! {
    /// Bulk created in multi-row `INSERT`s (no hooks, no pre-check).
    pub Reading {
        data_layer: Postgres,
        attributes {
            uuid_primary_key id;
            attribute sensor: String { allow_nil: false, public: true }
            attribute value: Option<i64> { public: true }
        }
        actions {
            default_accept [sensor, value];
            defaults [create, read];
        }
        postgres { table: "pg_readings"; }
    }
}

fn reading(d: &Domain, i: usize, value: Option<i64>) -> Changeset<Reading> {
    let builder = Reading::create().sensor(format!("s-{i}"));
    match value {
        Some(value) => builder.value(value).changeset(d),
        None => builder.changeset(d),
    }
}

#[test]
fn a_bulk_of_hookless_creates_is_a_few_multi_row_inserts() {
    let Some(schema) = schema() else { return };
    let d = Domain::new().with_postgres(schema.db.clone()).register::<Reading>().build().unwrap();
    let before = schema.db.statements_run();
    let created = d.bulk_create((0..2_000).map(|i| reading(&d, i, Some(i as i64)))).unwrap();
    // 1024 + 512 + 256 + 128 + 64 + 16 rows.
    assert_eq!(schema.db.statements_run() - before, 6, "one statement per chunk");
    assert_eq!(created.iter().map(|r| r.value).collect::<Vec<_>>(), (0..2_000).map(Some).collect::<Vec<_>>());
    assert_eq!(Reading::read().run(&d).unwrap().len(), 2_000);
}

#[test]
fn a_database_constraint_in_the_middle_of_a_bulk_fails_as_one_by_one() {
    let Some(schema) = schema() else { return };
    let d = Domain::new().with_postgres(schema.db.clone()).register::<Reading>().build().unwrap();
    // Constraints the resource does not declare: the server's errors, as a single create meets them.
    schema.db.execute_batch(r#"ALTER TABLE "pg_readings" ADD CONSTRAINT "small" CHECK ("value" < 1000000)"#).unwrap();
    let err =
        d.bulk_create((0..2_000).map(|i| reading(&d, i, Some(if i == 1_500 { 1_000_000 } else { 1 })))).unwrap_err();
    let single = reading(&d, 0, Some(1_000_000)).run().unwrap_err();
    assert_eq!(err.to_string(), single.to_string());
    assert!(err.to_string().contains("small"), "{err}");

    schema.db.execute_batch(r#"ALTER TABLE "pg_readings" ALTER COLUMN "value" SET NOT NULL"#).unwrap();
    let err = d.bulk_create((0..2_000).map(|i| reading(&d, i, (i != 1_700).then_some(1)))).unwrap_err();
    let single = reading(&d, 0, None).run().unwrap_err();
    assert_eq!(err.to_string(), "invalid input: value: is required");
    assert_eq!(err.field_errors(), single.field_errors());
    assert!(Reading::read().run(&d).unwrap().is_empty(), "nothing of either bulk is kept");
}
