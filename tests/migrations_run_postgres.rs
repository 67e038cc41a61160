//! The migration runner on PostgreSQL: applying, rolling back, a failing
//! migration undone whole (transactional DDL), migrators racing in threads
//! and in processes applying each migration once (the advisory lock), and
//! the CLI's `create`, `migrate`, `status`, `rollback` and `drop` creating
//! and dropping a database. Needs the `postgres` feature; without
//! `RESOURCE_TEST_POSTGRES_URL` each test prints a notice and passes.
#![cfg(all(feature = "postgres", feature = "sqlite", feature = "cli"))]

mod migrations_common;
mod sqlite_common;

use migrations_common::{Scratch, write_migration};
use resource::data_layer::migration::{DatabaseStorage, MigrationDatabase};
use resource::migrate::runner::{self, MigrateTo, MigrationState, Migrations, RollbackTo};
use resource::{Postgres, PostgresOptions};
use sqlite_common::{TempSchema, postgres_url};

fn tables(db: &Postgres) -> Vec<String> {
    db.with_client(|client| {
        let rows = client.query(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() \
             AND table_name <> 'schema_migrations' ORDER BY 1",
            &[],
        )?;
        Ok(rows.iter().map(|row| row.get(0)).collect())
    })
    .unwrap()
}

fn count(db: &Postgres, table: &str) -> i64 {
    db.with_client(|client| client.query_one(&format!("SELECT count(*) FROM {table}"), &[])?.try_get(0)).unwrap()
}

fn applied(db: &Postgres) -> Vec<String> {
    db.applied_migrations().unwrap().into_iter().map(|row| row.version).collect()
}

struct Fixture {
    scratch: Scratch,
    schema: TempSchema,
}

impl Fixture {
    /// Three migrations: `a`, then `b` with a foreign key to `a`, then `c`;
    /// `None` (and a notice) without a server.
    fn new(name: &str) -> Option<Fixture> {
        let Some(schema) = TempSchema::new() else {
            eprintln!("skipped: set RESOURCE_TEST_POSTGRES_URL to run on PostgreSQL");
            return None;
        };
        let scratch = Scratch::new(name);
        let dir = scratch.path("migrations");
        write_migration(&dir, "20260101000000", "create_a", "CREATE TABLE a (id bigint PRIMARY KEY);", "DROP TABLE a;");
        write_migration(
            &dir,
            "20260102000000",
            "create_b",
            "CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a (id));",
            "DROP TABLE b;",
        );
        write_migration(&dir, "20260103000000", "create_c", "CREATE TABLE c (id bigint PRIMARY KEY);", "DROP TABLE c;");
        Some(Fixture { scratch, schema })
    }

    fn db(&self) -> &Postgres {
        &self.schema.db
    }

    /// Another pool on the same schema (another migrator).
    fn connect(&self) -> Postgres {
        Postgres::connect_with(&postgres_url().unwrap(), PostgresOptions::default().schema(&self.schema.name)).unwrap()
    }

    fn migrations(&self) -> Migrations {
        Migrations::from_dir(self.scratch.path("migrations")).unwrap()
    }

    fn migrate(&self, to: MigrateTo) -> Result<Vec<String>, String> {
        runner::migrate(self.db(), &self.migrations(), &to, &mut |_| {}).map_err(|e| e.to_string())
    }

    fn rollback(&self, to: RollbackTo) -> Result<Vec<String>, String> {
        runner::rollback(self.db(), &self.migrations(), &to, &mut |_| {}).map_err(|e| e.to_string())
    }
}

#[test]
fn migrate_applies_pending_files_in_order_and_rollback_reverts_them() {
    let Some(f) = Fixture::new("pg_order") else { return };
    assert_eq!(f.migrate(MigrateTo::Step(1)).unwrap(), ["20260101000000"]);
    assert_eq!(tables(f.db()), ["a"]);
    assert_eq!(f.migrate(MigrateTo::All).unwrap(), ["20260102000000", "20260103000000"]);
    assert_eq!(tables(f.db()), ["a", "b", "c"]);
    let status = runner::status(f.db(), &f.migrations()).unwrap();
    assert!(status.iter().all(|entry| matches!(entry.state, MigrationState::Applied { .. })), "{status:?}");
    assert_eq!(f.rollback(RollbackTo::Step(2)).unwrap(), ["20260103000000", "20260102000000"]);
    assert_eq!(tables(f.db()), ["a"]);
    assert_eq!(applied(f.db()), ["20260101000000"]);
}

#[test]
fn a_failing_migration_is_undone_whole_ddl_included() {
    let Some(f) = Fixture::new("pg_failing") else { return };
    f.migrate(MigrateTo::Step(1)).unwrap();
    let path = write_migration(
        &f.scratch.path("migrations"),
        "20260101500000",
        "broken",
        "CREATE TABLE half (id bigint);\nALTER TABLE a ADD COLUMN note text;\nINSERT INTO a (id) VALUES (1);\nSELEC oops;",
        "DROP TABLE half;",
    );
    let error = f.migrate(MigrateTo::All).unwrap_err();
    assert!(error.starts_with(&format!("migration 20260101500000 ({})", path.display())), "{error}");
    assert!(error.contains("syntax error"), "{error}");
    assert_eq!(tables(f.db()), ["a"], "the CREATE TABLE is undone");
    assert_eq!(count(f.db(), "a"), 0);
    let columns: i64 = f
        .db()
        .with_client(|c| {
            c.query_one(
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() \
                 AND table_name = 'a'",
                &[],
            )?
            .try_get(0)
        })
        .unwrap();
    assert_eq!(columns, 1, "the ALTER TABLE is undone");
    assert_eq!(applied(f.db()), ["20260101000000"]);
}

#[test]
fn a_migration_that_breaks_a_reference_fails() {
    let Some(f) = Fixture::new("pg_reference") else { return };
    f.migrate(MigrateTo::To("20260102000000".into())).unwrap();
    write_migration(
        &f.scratch.path("migrations"),
        "20260102500000",
        "dangling",
        "INSERT INTO b (id, a_id) VALUES (1, 42);",
        "DELETE FROM b;",
    );
    let error = f.migrate(MigrateTo::All).unwrap_err();
    assert!(error.contains("b_a_id_fkey"), "{error}");
    assert_eq!(applied(f.db()), ["20260101000000", "20260102000000"]);
    assert_eq!(count(f.db(), "b"), 0);
}

#[test]
fn a_migration_may_not_end_its_own_transaction() {
    let Some(f) = Fixture::new("pg_commit") else { return };
    write_migration(&f.scratch.path("migrations"), "20260104000000", "commits", "COMMIT;", "");
    let error = f.migrate(MigrateTo::All).unwrap_err();
    assert!(error.contains("ended the transaction it runs in"), "{error}");
    assert_eq!(applied(f.db()).len(), 3);
}

#[test]
fn a_changed_applied_file_is_reported_and_nothing_runs() {
    let Some(f) = Fixture::new("pg_checksum") else { return };
    f.migrate(MigrateTo::Step(1)).unwrap();
    let path = f.scratch.path("migrations/20260101000000_create_a.sql");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("id bigint PRIMARY KEY", "id bigint PRIMARY KEY, extra text")).unwrap();
    let error = f.migrate(MigrateTo::All).unwrap_err();
    assert!(error.contains(&format!("{} changed since", path.display())), "{error}");
    assert_eq!(tables(f.db()), ["a"]);
    assert_eq!(runner::status(f.db(), &f.migrations()).unwrap()[0].state, MigrationState::Changed);
}

#[test]
fn migrations_do_not_run_inside_a_transaction() {
    let Some(f) = Fixture::new("pg_in_transaction") else { return };
    let mut error = String::new();
    resource::DataLayer::transaction(f.db(), &mut || {
        error = f.migrate(MigrateTo::All).unwrap_err();
        Ok(())
    })
    .unwrap();
    assert!(error.contains("migrations cannot run inside a transaction"), "{error}");
    assert_eq!(applied(f.db()), Vec::<String>::new());
}

#[test]
fn concurrent_migrators_apply_each_migration_once() {
    let Some(f) = Fixture::new("pg_concurrent") else { return };
    // `CREATE TABLE` without `IF NOT EXISTS`: running any of them twice would fail.
    let migrations = f.migrations();
    let results: Vec<Vec<String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let (migrations, db) = (&migrations, f.connect());
                scope.spawn(move || runner::migrate(&db, migrations, &MigrateTo::All, &mut |_| {}).unwrap())
            })
            .collect();
        handles.into_iter().map(|handle| handle.join().unwrap()).collect()
    });
    let mut all: Vec<String> = results.into_iter().flatten().collect();
    all.sort();
    assert_eq!(all, ["20260101000000", "20260102000000", "20260103000000"], "each applied exactly once");
    assert_eq!(applied(f.db()).len(), 3);
}

/// Run as a child process by the test below: migrates the schema named in
/// the environment and prints the versions it applied.
#[test]
fn child_process_migrator() {
    let (Ok(schema), Ok(dir)) = (std::env::var("MIGRATE_CHILD_SCHEMA"), std::env::var("MIGRATE_CHILD_DIR")) else {
        return;
    };
    let db = Postgres::connect_with(&postgres_url().unwrap(), PostgresOptions::default().schema(schema)).unwrap();
    let go = std::path::PathBuf::from(std::env::var("MIGRATE_CHILD_GO").unwrap());
    while !go.exists() {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let applied = runner::migrate(&db, &Migrations::from_dir(dir).unwrap(), &MigrateTo::All, &mut |_| {}).unwrap();
    println!("applied: {};", applied.join(","));
}

#[test]
fn two_processes_migrating_at_once_apply_each_migration_once() {
    let Some(f) = Fixture::new("pg_processes") else { return };
    // A slow first migration, so that the two processes overlap.
    write_migration(
        &f.scratch.path("migrations"),
        "20260100000000",
        "slow",
        "CREATE TABLE slow (n bigint);\nINSERT INTO slow SELECT generate_series(1, 100000);\nSELECT pg_sleep(0.3);",
        "DROP TABLE slow;",
    );
    let children: Vec<_> = (0..2)
        .map(|_| {
            std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "child_process_migrator", "--nocapture", "--test-threads=1"])
                .env("MIGRATE_CHILD_SCHEMA", &f.schema.name)
                .env("MIGRATE_CHILD_DIR", f.scratch.path("migrations"))
                .env("MIGRATE_CHILD_GO", f.scratch.path("go"))
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(300));
    std::fs::write(f.scratch.path("go"), "").unwrap();
    let mut applied: Vec<String> = Vec::new();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "a migrator failed");
        let stdout = String::from_utf8(output.stdout).unwrap();
        let line = stdout.lines().find_map(|line| line.split_once("applied: ")).expect("the child's report").1;
        let line = line.split(';').next().unwrap_or_default();
        applied.extend(line.split(',').filter(|v| !v.is_empty()).map(str::to_string));
    }
    applied.sort();
    assert_eq!(applied, ["20260100000000", "20260101000000", "20260102000000", "20260103000000"]);
    assert_eq!(count(f.db(), "slow"), 100000, "the slow migration ran once");
}

/// The test server's URL naming the database `name` instead (a later
/// `dbname` wins, in either form of URL).
fn url_for_database(name: &str) -> String {
    let url = postgres_url().unwrap();
    if url.contains("://") {
        let separator = if url.contains('?') { '&' } else { '?' };
        format!("{url}{separator}dbname={name}")
    } else {
        format!("{url} dbname={name}")
    }
}

/// A database name of its own, dropped (if it was made) on drop.
struct TempDatabase {
    name: String,
}

impl TempDatabase {
    fn new(tag: &str) -> Option<TempDatabase> {
        if postgres_url().is_none() {
            eprintln!("skipped: set RESOURCE_TEST_POSTGRES_URL to run on PostgreSQL");
            return None;
        }
        Some(TempDatabase { name: format!("resource_{tag}_{}", std::process::id()) })
    }

    fn storage(&self) -> resource::data_layer::postgres::PostgresStorage {
        Postgres::storage(&url_for_database(&self.name)).unwrap()
    }
}

impl Drop for TempDatabase {
    fn drop(&mut self) {
        let _ = self.storage().drop_storage();
    }
}

#[test]
fn storage_creates_and_drops_the_database() {
    let Some(database) = TempDatabase::new("storage") else { return };
    let storage = database.storage();
    let _ = storage.drop_storage();
    assert!(!storage.exists().unwrap());
    let error = storage.open().err().unwrap().to_string();
    assert!(error.contains(&format!("database \"{}\"", database.name)), "{error}");
    assert!(error.ends_with("does not exist: run `create` first"), "{error}");
    assert!(storage.create().unwrap());
    assert!(!storage.create().unwrap(), "an existing database is not an error");
    assert!(storage.exists().unwrap());
    drop(storage.open().unwrap().applied_migrations().unwrap());
    assert!(storage.drop_storage().unwrap());
    assert!(!storage.exists().unwrap());
    assert!(!storage.drop_storage().unwrap());

    let maintenance = Postgres::storage(&url_for_database("postgres")).unwrap();
    assert!(!maintenance.create().unwrap(), "there already");
    let error = maintenance.drop_storage().unwrap_err().to_string();
    assert!(error.contains("is the server's maintenance database"), "{error}");
}

#[test]
fn the_cli_creates_migrates_rolls_back_and_drops_a_postgres_database() {
    let Some(database) = TempDatabase::new("cli") else { return };
    let scratch = Scratch::new("pg_cli");
    write_migration(
        &scratch.path("priv/repo/migrations"),
        "20260101000000",
        "create_notes",
        "CREATE TABLE notes (id bigint PRIMARY KEY);",
        "DROP TABLE notes;",
    );
    let project = resource::cli::Project::new(database.storage()).migration_path(scratch.path("priv"));
    let run = |args: &[&str]| {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = project.run(std::iter::once("app").chain(args.iter().copied()), &mut out, &mut err);
        (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
    };
    let described = database.storage().describe();
    assert_eq!(run(&["create"]), (0, format!("created {described}\n"), String::new()));
    assert_eq!(run(&["create"]), (0, format!("{described} already exists\n"), String::new()));
    let (code, out, err) = run(&["migrate"]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert!(out.starts_with("== Applying 20260101000000_create_notes\n"), "{out}");
    assert!(out.ends_with(&format!("{described}: 1 migration applied\n")), "{out}");
    let (code, out, _) = run(&["status"]);
    assert_eq!(code, 0);
    assert!(out.contains("  applied  20260101000000_create_notes  "), "{out}");
    let (code, out, _) = run(&["rollback"]);
    assert_eq!(code, 0);
    assert!(out.ends_with(&format!("{described}: 1 migration reverted\n")), "{out}");
    assert_eq!(run(&["drop"]), (0, format!("dropped {described}\n"), String::new()));
    assert_eq!(run(&["drop"]), (0, format!("{described} does not exist\n"), String::new()));
    // `migrate` creates a missing database, as on SQLite.
    let (code, out, _) = run(&["migrate"]);
    assert_eq!(code, 0);
    assert!(out.starts_with(&format!("created {described}\n")), "{out}");
}
