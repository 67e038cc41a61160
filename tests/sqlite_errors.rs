//! Errors on SQLite, through the public API: each is typed, says what to do,
//! and leaves the database as it was.

use std::sync::Arc;
use std::time::Duration;

use resource::data_layer::sqlite::rusqlite;
use resource::dsl::resource;
use resource::prelude::*;
use resource::{DataLayer, SqliteOptions, Value};

mod sqlite_common;

use sqlite_common::TempDb;

resource! {
    pub Student {
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
            attribute age: Option<i64> { public: true }
        }
        actions {
            default_accept [name, age];
            defaults [create, read, update, destroy];
        }
        sqlite {
            table: "students";
        }
    }
}

resource! {
    pub Member {
        attributes {
            uuid_primary_key id;
            attribute handle: String { allow_nil: false, public: true }
            attribute title: Option<String> { public: true }
            attribute slug: Option<String> { public: true }
        }
        identities {
            identity unique_slug [title, slug] { message: "is already used for this title", field_names: [slug], nils_distinct: false }
        }
        actions {
            default_accept [handle, title, slug];
            defaults [create, read, update, destroy];
        }
        sqlite {
            table: "members";
            unique_index_names: [([handle], "members_lower_handle_index", "is already in use")];
        }
    }
}

fn on(db: &Sqlite) -> Domain {
    Domain::new().with_data_layer(Arc::new(db.clone())).register::<Student>().register::<Member>().build().unwrap()
}

fn count(d: &Domain) -> usize {
    Student::read().run(d).unwrap().len()
}

#[test]
fn strings_that_look_like_sql_are_stored_verbatim() {
    let db = Sqlite::memory().unwrap();
    let d = on(&db);
    let bobby = "Robert'); DROP TABLE students;--";
    let student = Student::create().name(bobby).run(&d).unwrap();
    assert_eq!(student.name, bobby);
    let found = Student::read().filter_expr(student::name.eq(bobby)).run(&d).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name, bobby);
    let renamed = student.update().name("x' OR '1'='1").run(&d).unwrap();
    assert_eq!(Student::get(&d, renamed.id).unwrap().name, "x' OR '1'='1");
    assert_eq!(count(&d), 1, "the table is still there, with its one row");
}

#[test]
fn a_missing_table_says_to_run_the_migrations() {
    let file = TempDb::new("missing-table");
    let db = Sqlite::open(file.path()).unwrap();
    let d = on(&db);
    let err = Student::create().name("Ann").run(&d).unwrap_err();
    assert_eq!(err, Error::MissingTable { table: "students".into() });
    assert_eq!(err.to_string(), "table `students` does not exist; run the migrations (or create the schema) first");
    assert!(matches!(Student::read().run(&d), Err(Error::MissingTable { .. })));
    db.create_schema(d.resources()).unwrap();
    Student::create().name("Ann").run(&d).unwrap();
    assert_eq!(count(&d), 1);
}

#[test]
fn a_locked_database_is_busy_and_nothing_is_written() {
    let file = TempDb::new("locked");
    let quick = SqliteOptions::file().create_schema(true).busy_timeout(Duration::from_millis(50));
    let db = Sqlite::open_with(file.path(), quick).unwrap();
    let d = on(&db);
    let ann = Student::create().name("Ann").run(&d).unwrap();
    let other = rusqlite::Connection::open(file.path()).unwrap();
    other.execute_batch("BEGIN IMMEDIATE; DELETE FROM students;").unwrap();
    let err = Student::create().name("Bo").run(&d).unwrap_err();
    assert!(matches!(err, Error::Busy { .. }), "{err:?}");
    assert!(err.to_string().starts_with("the database is locked by another connection"), "{err}");
    assert!(matches!(ann.update().name("Annie").run(&d), Err(Error::Busy { .. })));
    other.execute_batch("ROLLBACK").unwrap();
    let students = Student::read().run(&d).unwrap();
    assert_eq!(students.len(), 1, "nothing was written");
    assert_eq!(students[0].name, "Ann");
    Student::create().name("Bo").run(&d).expect("free again");
}

#[test]
fn a_read_only_database_refuses_every_write() {
    let file = TempDb::new("read-only");
    let writer = Sqlite::open_with(file.path(), SqliteOptions::file().create_schema(true)).unwrap();
    let ann = Student::create().name("Ann").run(&on(&writer)).unwrap();
    drop(writer);
    let reader = Sqlite::open_with(file.path(), SqliteOptions::file().read_only(true)).unwrap();
    let d = on(&reader);
    let err = Student::create().name("Bo").run(&d).unwrap_err();
    assert!(matches!(err, Error::ReadOnly { .. }), "{err:?}");
    assert!(err.to_string().starts_with("the database is read-only: "), "{err}");
    assert!(matches!(ann.update().name("Annie").run(&d), Err(Error::ReadOnly { .. })));
    assert!(matches!(ann.destroy().run(&d), Err(Error::ReadOnly { .. })));
    let students = Student::read().run(&d).unwrap();
    assert_eq!((students.len(), students[0].name.as_str()), (1, "Ann"), "reads work, nothing changed");
}

#[test]
fn a_value_that_does_not_fit_its_column_names_the_field() {
    let db = Sqlite::memory().unwrap();
    let d = on(&db);
    let layer = d.data_layer(Student::info()).unwrap();
    let row = vec![Value::Uuid(Uuid::new_v4()), Value::String("Ann".into()), Value::String("forty".into())];
    let err = layer.create(Student::info().into(), row).unwrap_err();
    assert_eq!(
        err,
        Error::ValueType {
            resource: "Student",
            field: "age",
            message: "the string \"forty\" does not fit a column of type integer".into()
        }
    );
    assert_eq!(count(&d), 0, "nothing was written");
}

#[test]
fn a_stored_value_that_does_not_decode_names_the_field() {
    let db = Sqlite::memory().unwrap();
    let d = on(&db);
    Student::create().name("Ann").age(30).run(&d).unwrap();
    db.execute_batch("UPDATE students SET age = 'thirty'").unwrap();
    let err = Student::read().run(&d).unwrap_err();
    assert_eq!(err.to_string(), "Student.age: stored text \"thirty\" cannot be read as integer");
}

#[test]
fn a_declared_unique_index_reports_its_field_and_message() {
    let db = Sqlite::memory().unwrap();
    let d = on(&db);
    db.execute_batch("CREATE UNIQUE INDEX members_lower_handle_index ON members (lower(handle))").unwrap();
    Member::create().handle("Ada").run(&d).unwrap();
    let err = Member::create().handle("ADA").run(&d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: handle: is already in use");
    assert_eq!(Member::read().run(&d).unwrap().len(), 1);
}

#[test]
fn an_identity_reports_its_field_names_and_message_and_can_match_nils() {
    let db = Sqlite::memory().unwrap();
    let d = on(&db);
    Member::create().handle("a").title("Intro").slug("intro").run(&d).unwrap();
    let err = Member::create().handle("b").title("Intro").slug("intro").run(&d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: slug: is already used for this title");
    Member::create().handle("c").run(&d).unwrap();
    let err = Member::create().handle("d").run(&d).unwrap_err();
    assert_eq!(err.message_for("slug"), Some("is already used for this title"), "nils_distinct: false");
    assert_eq!(Member::read().run(&d).unwrap().len(), 2);
}

#[test]
fn the_layers_say_what_they_can_do() {
    let db = Sqlite::memory().unwrap();
    let caps = db.capabilities();
    assert!(caps.transactions && caps.native_identities && caps.upsert);
    assert!(resource::Ets::new().capabilities().transactions, "ETS rolls back too (docs/ets.md)");
}
