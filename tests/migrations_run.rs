//! The migration runner on SQLite files: applying, rolling back, status,
//! and every way the files and the database can disagree — each refused
//! with a message naming the version or file, the database unchanged.
#![cfg(feature = "sqlite")]

mod migrations_common;

use migrations_common::{Scratch, write_migration};
use resource::Sqlite;
use resource::data_layer::migration::{DatabaseStorage, MigrationDatabase};
use resource::migrate::runner::{self, MigrateTo, MigrationState, Migrations, RollbackTo};

fn tables(db: &Sqlite) -> Vec<String> {
    db.with_connection(|conn| {
        let mut statement = conn.prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name <> 'schema_migrations' ORDER BY name",
        )?;
        let names = statement.query_map([], |row| row.get(0))?.collect::<Result<Vec<String>, _>>()?;
        Ok(names)
    })
    .unwrap()
}

fn applied(db: &Sqlite) -> Vec<String> {
    db.applied_migrations().unwrap().into_iter().map(|row| row.version).collect()
}

struct Fixture {
    scratch: Scratch,
    db: Sqlite,
}

impl Fixture {
    /// Three migrations: `a`, then `b` with a foreign key to `a`, then `c`.
    fn new(name: &str) -> Fixture {
        let scratch = Scratch::new(name);
        let dir = scratch.path("migrations");
        write_migration(
            &dir,
            "20260101000000",
            "create_a",
            "CREATE TABLE a (id INTEGER PRIMARY KEY);",
            "DROP TABLE a;",
        );
        write_migration(
            &dir,
            "20260102000000",
            "create_b",
            "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id));",
            "DROP TABLE b;",
        );
        write_migration(
            &dir,
            "20260103000000",
            "create_c",
            "CREATE TABLE c (id INTEGER PRIMARY KEY);",
            "DROP TABLE c;",
        );
        let db = Sqlite::open(scratch.path("app.db")).unwrap();
        Fixture { scratch, db }
    }

    fn migrations(&self) -> Migrations {
        Migrations::from_dir(self.scratch.path("migrations")).unwrap()
    }

    fn migrate(&self, to: MigrateTo) -> Result<Vec<String>, String> {
        runner::migrate(&self.db, &self.migrations(), &to, &mut |_| {}).map_err(|e| e.to_string())
    }

    fn rollback(&self, to: RollbackTo) -> Result<Vec<String>, String> {
        runner::rollback(&self.db, &self.migrations(), &to, &mut |_| {}).map_err(|e| e.to_string())
    }
}

#[test]
fn migrate_applies_pending_files_in_order_and_rollback_reverts_them() {
    let f = Fixture::new("order");
    assert_eq!(f.migrate(MigrateTo::Step(1)).unwrap(), ["20260101000000"]);
    assert_eq!(tables(&f.db), ["a"]);
    assert_eq!(f.migrate(MigrateTo::To("20260102000000".into())).unwrap(), ["20260102000000"]);
    assert_eq!(f.migrate(MigrateTo::All).unwrap(), ["20260103000000"]);
    assert_eq!(tables(&f.db), ["a", "b", "c"]);
    assert_eq!(f.migrate(MigrateTo::All).unwrap(), Vec::<String>::new(), "nothing left to apply");

    assert_eq!(f.rollback(RollbackTo::Step(1)).unwrap(), ["20260103000000"]);
    assert_eq!(tables(&f.db), ["a", "b"]);
    assert_eq!(f.rollback(RollbackTo::To("20260101000000".into())).unwrap(), ["20260102000000", "20260101000000"]);
    assert_eq!(tables(&f.db), Vec::<String>::new());
    assert_eq!(applied(&f.db), Vec::<String>::new());

    f.migrate(MigrateTo::All).unwrap();
    assert_eq!(f.rollback(RollbackTo::All).unwrap().len(), 3);
    assert_eq!(tables(&f.db), Vec::<String>::new());
}

#[test]
fn status_lists_applied_and_pending() {
    let f = Fixture::new("status");
    f.migrate(MigrateTo::Step(2)).unwrap();
    let status = runner::status(&f.db, &f.migrations()).unwrap();
    let states: Vec<(&str, bool)> = status
        .iter()
        .map(|entry| (entry.name.as_str(), matches!(entry.state, MigrationState::Applied { .. })))
        .collect();
    assert_eq!(states, [("create_a", true), ("create_b", true), ("create_c", false)]);
    assert_eq!(status[2].state, MigrationState::Pending);
}

#[test]
fn a_failing_migration_leaves_the_database_at_the_previous_version() {
    let f = Fixture::new("failing");
    f.migrate(MigrateTo::Step(1)).unwrap();
    let path = write_migration(
        &f.scratch.path("migrations"),
        "20260101500000",
        "broken",
        "CREATE TABLE half (id INTEGER);\nINSERT INTO a (id) VALUES (1);\nSELEC oops;",
        "DROP TABLE half;",
    );
    let error = f.migrate(MigrateTo::All).unwrap_err();
    assert!(error.starts_with(&format!("migration 20260101500000 ({})", path.display())), "{error}");
    assert!(error.contains("syntax error"), "{error}");
    assert_eq!(tables(&f.db), ["a"], "the first statements of the failing migration are undone");
    assert_eq!(applied(&f.db), ["20260101000000"]);
    let rows: i64 = f.db.with_connection(|conn| conn.query_row("SELECT count(*) FROM a", [], |r| r.get(0))).unwrap();
    assert_eq!(rows, 0);
}

#[test]
fn a_migration_that_breaks_a_reference_fails_its_foreign_key_check() {
    let f = Fixture::new("fk_check");
    f.migrate(MigrateTo::To("20260102000000".into())).unwrap();
    write_migration(
        &f.scratch.path("migrations"),
        "20260102500000",
        "dangling",
        "INSERT INTO b (id, a_id) VALUES (1, 42);",
        "DELETE FROM b;",
    );
    let error = f.migrate(MigrateTo::All).unwrap_err();
    assert!(
        error.contains("foreign key check failed: a row of `b` (rowid 1) references a missing row of `a`"),
        "{error}"
    );
    assert_eq!(applied(&f.db), ["20260101000000", "20260102000000"]);
    let rows: i64 = f.db.with_connection(|conn| conn.query_row("SELECT count(*) FROM b", [], |r| r.get(0))).unwrap();
    assert_eq!(rows, 0);
    let foreign_keys: bool =
        f.db.with_connection(|conn| conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))).unwrap();
    assert!(foreign_keys, "foreign keys are switched back on after a failed step");
}

#[test]
fn a_migration_may_not_end_its_own_transaction() {
    let f = Fixture::new("commit");
    write_migration(&f.scratch.path("migrations"), "20260104000000", "commits", "COMMIT;", "");
    let error = f.migrate(MigrateTo::All).unwrap_err();
    assert!(error.contains("ended the transaction it runs in"), "{error}");
    assert_eq!(applied(&f.db).len(), 3);
}

#[test]
fn a_changed_applied_file_is_reported_and_nothing_runs() {
    let f = Fixture::new("checksum");
    f.migrate(MigrateTo::Step(1)).unwrap();
    let path = f.scratch.path("migrations/20260101000000_create_a.sql");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("id INTEGER PRIMARY KEY", "id INTEGER PRIMARY KEY, extra TEXT")).unwrap();
    let error = f.migrate(MigrateTo::All).unwrap_err();
    assert!(error.starts_with("migration 20260101000000 was applied, but "), "{error}");
    assert!(error.contains(&format!("{} changed since", path.display())), "{error}");
    assert_eq!(tables(&f.db), ["a"]);
    assert!(f.rollback(RollbackTo::Step(1)).unwrap_err().contains("changed since"));
    let status = runner::status(&f.db, &f.migrations()).unwrap();
    assert_eq!(status[0].state, MigrationState::Changed);
}

#[test]
fn a_crlf_checkout_of_an_applied_file_is_not_a_change() {
    let f = Fixture::new("crlf");
    f.migrate(MigrateTo::Step(1)).unwrap();
    let path = f.scratch.path("migrations/20260101000000_create_a.sql");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace('\n', "\r\n")).unwrap();
    assert_eq!(f.migrate(MigrateTo::All).unwrap().len(), 2);
}

#[test]
fn a_database_past_the_newest_file_is_refused() {
    let f = Fixture::new("past");
    f.migrate(MigrateTo::All).unwrap();
    std::fs::remove_file(f.scratch.path("migrations/20260103000000_create_c.sql")).unwrap();
    let error = f.migrate(MigrateTo::All).unwrap_err();
    assert!(
        error.starts_with("the database is at migration 20260103000000 (create_c), newer than the newest file"),
        "{error}"
    );
    assert!(error.contains("(20260102000000_create_b.sql)"), "{error}");
    assert_eq!(tables(&f.db), ["a", "b", "c"]);

    std::fs::remove_file(f.scratch.path("migrations/20260101000000_create_a.sql")).unwrap();
    write_migration(
        &f.scratch.path("migrations"),
        "20260103000000",
        "create_c",
        "CREATE TABLE c (id INTEGER PRIMARY KEY);",
        "DROP TABLE c;",
    );
    let error = f.migrate(MigrateTo::All).unwrap_err();
    assert!(error.starts_with("migration 20260101000000 (create_a) was applied, but its file is missing"), "{error}");
}

#[test]
fn rolling_back_past_the_first_migration_is_refused() {
    let f = Fixture::new("past_first");
    f.migrate(MigrateTo::Step(2)).unwrap();
    let error = f.rollback(RollbackTo::Step(3)).unwrap_err();
    assert_eq!(error, "cannot roll back 3 migrations: only 2 are applied (the first is 20260101000000)");
    assert_eq!(tables(&f.db), ["a", "b"]);
    assert_eq!(
        f.rollback(RollbackTo::To("20260103000000".into())).unwrap_err(),
        "cannot roll back to 20260103000000: it is not applied"
    );
    assert!(f.rollback(RollbackTo::To("20990101000000".into())).unwrap_err().contains("has version 20990101000000"));
    f.rollback(RollbackTo::All).unwrap();
    assert_eq!(f.rollback(RollbackTo::Step(1)).unwrap_err(), "cannot roll back 1 migration: none is applied");
    assert!(f.migrate(MigrateTo::To("20260109000000".into())).unwrap_err().contains("no migration in"));
}

#[test]
fn concurrent_migrators_apply_each_migration_once() {
    let f = Fixture::new("concurrent");
    // `CREATE TABLE` without `IF NOT EXISTS`: running any of them twice would fail.
    let path = f.scratch.path("app.db");
    let migrations = f.migrations();
    let results: Vec<Vec<String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let migrations = &migrations;
                let path = &path;
                scope.spawn(move || {
                    let db = Sqlite::open(path).unwrap();
                    runner::migrate(&db, migrations, &MigrateTo::All, &mut |_| {}).unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|handle| handle.join().unwrap()).collect()
    });
    let mut all: Vec<String> = results.into_iter().flatten().collect();
    all.sort();
    assert_eq!(all, ["20260101000000", "20260102000000", "20260103000000"], "each applied exactly once");
    assert_eq!(applied(&f.db).len(), 3);
}

#[test]
fn embedded_migrations_are_read_like_files() {
    let migrations = Migrations::embedded(
        "priv/repo/migrations",
        &[
            ("20260102000000_b.sql", "-- migrate:up\nSELECT 2;\n-- migrate:down\n"),
            ("20260101000000_a.sql", "-- migrate:up\nSELECT 1;\n-- migrate:down\n"),
        ],
    )
    .unwrap();
    let names: Vec<&str> = migrations.files().iter().map(|file| file.name.as_str()).collect();
    assert_eq!(names, ["a", "b"]);
    let error = Migrations::embedded(
        "priv/repo/migrations",
        &[
            ("20260101000000_a.sql", "-- migrate:up\n-- migrate:down\n"),
            ("20260101000000_b.sql", "-- migrate:up\n-- migrate:down\n"),
        ],
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "priv/repo/migrations/20260101000000_b.sql: version 20260101000000 is also used by 20260101000000_a.sql"
    );
}

#[test]
fn storage_creates_and_drops_the_database_file() {
    let scratch = Scratch::new("storage");
    let storage = Sqlite::storage(scratch.path("nested/dir/app.db"));
    assert!(!storage.exists().unwrap());
    assert!(storage.open().err().unwrap().to_string().contains("does not exist: run `create` first"));
    assert!(storage.create().unwrap());
    assert!(!storage.create().unwrap(), "already there");
    assert!(storage.exists().unwrap());
    storage.open().unwrap().applied_migrations().unwrap();
    assert!(storage.drop_storage().unwrap());
    assert!(!storage.exists().unwrap());
    assert!(!scratch.path("nested/dir/app.db-wal").exists());
    assert!(!storage.drop_storage().unwrap());
}

/// Run as a child process by the test below: migrates the database named
/// in the environment and prints the versions it applied.
#[test]
fn child_process_migrator() {
    let (Ok(db), Ok(dir)) = (std::env::var("MIGRATE_CHILD_DB"), std::env::var("MIGRATE_CHILD_DIR")) else { return };
    let db = Sqlite::open(db).unwrap();
    // Start together: wait for the parent's signal.
    let go = std::path::PathBuf::from(std::env::var("MIGRATE_CHILD_GO").unwrap());
    while !go.exists() {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let applied = runner::migrate(&db, &Migrations::from_dir(dir).unwrap(), &MigrateTo::All, &mut |_| {}).unwrap();
    println!("applied: {};", applied.join(","));
}

#[test]
fn two_processes_migrating_at_once_apply_each_migration_once() {
    let f = Fixture::new("processes");
    // A slow first migration, so that the two processes overlap.
    write_migration(
        &f.scratch.path("migrations"),
        "20260100000000",
        "slow",
        "CREATE TABLE slow (n INTEGER);\n\
         WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 1000000) \
         INSERT INTO slow SELECT n FROM r;",
        "DROP TABLE slow;",
    );
    let children: Vec<_> = (0..2)
        .map(|_| {
            std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "child_process_migrator", "--nocapture", "--test-threads=1"])
                .env("MIGRATE_CHILD_DB", f.scratch.path("app.db"))
                .env("MIGRATE_CHILD_DIR", f.scratch.path("migrations"))
                .env("MIGRATE_CHILD_GO", f.scratch.path("go"))
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // Both are past their start-up (opening the database) by now.
    std::thread::sleep(std::time::Duration::from_millis(300));
    std::fs::write(f.scratch.path("go"), "").unwrap();
    let mut applied: Vec<String> = Vec::new();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "a migrator failed");
        let stdout = String::from_utf8(output.stdout).unwrap();
        // The harness may print "test child_process_migrator ... " on the same line.
        let line = stdout.lines().find_map(|line| line.split_once("applied: ")).expect("the child's report").1;
        let line = line.split(';').next().unwrap_or_default();
        applied.extend(line.split(',').filter(|v| !v.is_empty()).map(str::to_string));
    }
    applied.sort();
    assert_eq!(applied, ["20260100000000", "20260101000000", "20260102000000", "20260103000000"]);
    let rows: i64 = f.db.with_connection(|conn| conn.query_row("SELECT count(*) FROM slow", [], |r| r.get(0))).unwrap();
    assert_eq!(rows, 1000000, "the slow migration ran once");
}
