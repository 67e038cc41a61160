//! The statements a connection keeps (`conn.rs`): found again, following
//! the schema, never handed out twice, bounded.

use rusqlite::{Connection, StatementStatus};

use super::conn::Conn;
use super::texts::{self, Text};
use crate::data_layer::Target;
use crate::info::error::{Error, Result};
use crate::info::{AttributeInfo, DataLayerKind, ResourceInfo, SqlInfo, Type};

static ATTRS: [AttributeInfo; 2] = [
    AttributeInfo { primary_key: true, ..AttributeInfo::new("id", Type::Integer) },
    AttributeInfo::new("name", Type::String),
];

static THING: ResourceInfo = ResourceInfo {
    sql: SqlInfo { table: Some("things"), ..SqlInfo::DEFAULT },
    attributes: &ATTRS,
    ..ResourceInfo::new("Thing", DataLayerKind::Sqlite)
};

fn target() -> Target<'static> {
    Target::from(&THING)
}

fn conn() -> Conn {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(r#"CREATE TABLE "things" ("id" INTEGER PRIMARY KEY, "name" TEXT); INSERT INTO "things" VALUES (1, 'one'), (2, 'two')"#)
        .unwrap();
    Conn::wrap(conn)
}

/// The get by primary key's text: kept, so it has a key.
fn get_text() -> Text {
    let text = texts::get(target(), &[0]);
    assert!(text.key().is_some(), "a get's text is kept");
    text
}

/// The name of row `id` through `text`, and how many times the statement
/// that ran it has run.
fn name_of(conn: &Conn, text: &Text, id: i64) -> Result<(Option<String>, i32)> {
    conn.with_statement(Some(target()), text, |statement| {
        let mut rows = statement.query([id]).map_err(|e| Error::DataLayer(e.to_string()))?;
        let name = match rows.next().map_err(|e| Error::DataLayer(e.to_string()))? {
            Some(row) => Some(row.get(1).map_err(|e| Error::DataLayer(e.to_string()))?),
            None => None,
        };
        drop(rows);
        Ok((name, statement.get_status(StatementStatus::Run)))
    })
}

#[test]
fn a_kept_statement_is_prepared_once_and_run_again() {
    let conn = conn();
    let text = get_text();
    assert_eq!(name_of(&conn, &text, 1).unwrap(), (Some("one".to_string()), 1));
    assert_eq!(name_of(&conn, &text, 2).unwrap(), (Some("two".to_string()), 2));
    assert_eq!(name_of(&conn, &text, 3).unwrap(), (None, 3));
    assert_eq!(conn.kept(), 1);
}

#[test]
fn a_text_without_a_key_goes_through_rusqlite_s_cache_and_is_not_kept() {
    let conn = conn();
    let sql = r#"SELECT "name" FROM "things" WHERE "id" = ?1"#;
    let name: String =
        conn.with_statement(None, sql, |statement| Ok(statement.query_row([2], |row| row.get(0)).unwrap())).unwrap();
    assert_eq!(name, "two");
    assert_eq!(conn.kept(), 0);
}

#[test]
fn a_kept_statement_follows_the_schema_and_fails_cleanly_once_its_table_is_gone() {
    let conn = conn();
    let text = get_text();
    assert_eq!(name_of(&conn, &text, 1).unwrap().0.as_deref(), Some("one"));
    conn.execute_batch(r#"ALTER TABLE "things" ADD COLUMN "extra" TEXT"#).unwrap();
    assert_eq!(name_of(&conn, &text, 1).unwrap().0.as_deref(), Some("one"));
    conn.execute_batch(r#"DROP TABLE "things""#).unwrap();
    let gone = name_of(&conn, &text, 1).unwrap_err();
    assert!(gone.to_string().contains("no such table"), "{gone}");
    conn.execute_batch(
        r#"CREATE TABLE "things" ("id" INTEGER PRIMARY KEY, "name" TEXT); INSERT INTO "things" VALUES (1, 'uno')"#,
    )
    .unwrap();
    assert_eq!(name_of(&conn, &text, 1).unwrap().0.as_deref(), Some("uno"));
}

#[test]
fn a_text_that_does_not_prepare_is_an_error_and_keeps_nothing() {
    let conn = Conn::wrap(Connection::open_in_memory().unwrap());
    // Mapped as `prepare_cached`'s errors are, for the target.
    let missing = name_of(&conn, &get_text(), 1).unwrap_err();
    assert!(missing.to_string().starts_with("table `things` does not exist"), "{missing}");
    assert_eq!(conn.kept(), 0);
}

#[test]
fn a_nested_use_of_the_same_text_runs_its_own_statement() {
    let conn = conn();
    let text = get_text();
    let (outer, inner) = conn
        .with_statement(Some(target()), &text, |statement| {
            let mut rows = statement.query([1]).unwrap();
            let outer: String = rows.next().unwrap().unwrap().get(1).unwrap();
            // The outer statement is mid-step here: the inner one is another.
            let inner = name_of(&conn, &text, 2)?.0;
            Ok((outer, inner))
        })
        .unwrap();
    assert_eq!((outer.as_str(), inner.as_deref()), ("one", Some("two")));
    assert_eq!(conn.kept(), 2);
}

#[test]
fn a_statement_whose_use_panicked_is_dropped_and_the_next_use_prepares_another() {
    let conn = conn();
    let text = get_text();
    name_of(&conn, &text, 1).unwrap();
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = conn.with_statement(Some(target()), &text, |statement| -> Result<()> {
            let _rows = statement.query([1]).unwrap();
            panic!("in a get")
        });
    }));
    assert!(panicked.is_err());
    assert_eq!(conn.kept(), 0);
    // A fresh statement: it has run once.
    assert_eq!(name_of(&conn, &text, 2).unwrap(), (Some("two".to_string()), 1));
    assert_eq!(conn.kept(), 1);
}

#[test]
fn past_the_limit_the_kept_statements_start_over() {
    let conn = conn();
    for rows in 1..=100 {
        let text = texts::insert_many(target(), rows);
        conn.with_statement(Some(target()), &text, |_| Ok(())).unwrap();
        assert!(conn.kept() <= 64, "{} kept after {rows} texts", conn.kept());
    }
    assert!(conn.kept() >= 1);
}

#[test]
fn a_connection_and_its_statements_move_between_threads_together() {
    let conn = conn();
    let text = get_text();
    name_of(&conn, &text, 1).unwrap();
    let conn = std::thread::spawn(move || {
        assert_eq!(name_of(&conn, &get_text(), 2).unwrap(), (Some("two".to_string()), 2));
        conn
    })
    .join()
    .unwrap();
    assert_eq!(name_of(&conn, &text, 1).unwrap().1, 3);
}
