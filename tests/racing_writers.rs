//! Racing writers across processes: two processes of eight threads each
//! create the same identity values at once on one database (a SQLite file,
//! a PostgreSQL schema), with and without `pre_check`; every value is
//! stored once, every other attempt is "has already been taken", and no
//! other error comes back. (`tests/identities.rs` races eight threads of
//! one process on every layer.)

use std::collections::BTreeSet;
use std::path::PathBuf;

use resource::dsl::resource;
use resource::prelude::*;
use resource::{DataLayer, Sqlite, SqliteOptions};

mod sqlite_common;

resource! {
    /// Kept unique by the database's index alone.
    pub Member {
        attributes {
            uuid_primary_key id;
            attribute email: CiString { allow_nil: false, public: true }
        }
        identities { identity unique_email [email]; }
        actions { default_accept [email]; defaults [create, read]; }
    }
}

resource! {
    /// Checked by a read before the write, inside the action's transaction.
    pub Guest {
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
        }
        identities { identity unique_name [name] { pre_check: true } }
        actions { default_accept [name]; defaults [create, read]; }
    }
}

/// The identity values each thread tries.
const VALUES: usize = 20;
const THREADS: usize = 8;

fn domain(layer: std::sync::Arc<dyn DataLayer>) -> Domain {
    Domain::new().with_data_layer(layer).register::<Member>().register::<Guest>().build().unwrap()
}

/// The layer a child opens: `sqlite:<path>` or `postgres:<schema>`.
fn open(target: &str) -> std::sync::Arc<dyn DataLayer> {
    match target.split_once(':') {
        Some(("sqlite", path)) => std::sync::Arc::new(Sqlite::open_with(path, SqliteOptions::file()).unwrap()),
        #[cfg(feature = "postgres")]
        Some(("postgres", schema)) => {
            let url = sqlite_common::postgres_url().unwrap();
            let options = resource::PostgresOptions::default().schema(schema).pool_size(THREADS as u32);
            std::sync::Arc::new(resource::Postgres::connect_with(&url, options).unwrap())
        }
        _ => panic!("unknown target {target}"),
    }
}

/// Run as a child process by the races below: eight threads create every
/// value (in another case half the time), then it prints what it stored.
#[test]
fn child_process_writer() {
    let (Ok(target), Ok(go)) = (std::env::var("RACE_TARGET"), std::env::var("RACE_GO")) else { return };
    let d = domain(open(&target));
    let go = PathBuf::from(go);
    while !go.exists() {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let (members, guests) = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..THREADS)
            .map(|thread| {
                let d = &d;
                scope.spawn(move || {
                    let (mut members, mut guests) = (0, 0);
                    for i in 0..VALUES {
                        let email = if thread % 2 == 0 { format!("m{i}@x.io") } else { format!("M{i}@X.io") };
                        match Member::create().email(email).run(d) {
                            Ok(_) => members += 1,
                            Err(e) => assert_eq!(e.message_for("email"), Some("has already been taken"), "{e}"),
                        }
                        match Guest::create().name(format!("g{i}")).run(d) {
                            Ok(_) => guests += 1,
                            Err(e) => assert_eq!(e.message_for("name"), Some("has already been taken"), "{e}"),
                        }
                    }
                    (members, guests)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).fold((0, 0), |(m, g), (a, b)| (m + a, g + b))
    });
    println!("stored: {members},{guests};");
}

/// Two child processes racing on `target` (whose tables `d` created).
fn race(d: &Domain, target: &str, name: &str) {
    let go = std::env::temp_dir().join(format!("resource-race-{}-{name}", std::process::id()));
    let _ = std::fs::remove_file(&go);
    let children: Vec<_> = (0..2)
        .map(|_| {
            std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "child_process_writer", "--nocapture", "--test-threads=1"])
                .env("RACE_TARGET", target)
                .env("RACE_GO", &go)
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(500));
    std::fs::write(&go, "").unwrap();
    let (mut members, mut guests) = (0, 0);
    for child in children {
        let output = child.wait_with_output().unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(output.status.success(), "a writer failed:\n{stdout}");
        let line = stdout.lines().find_map(|line| line.split_once("stored: ")).expect("the child's report").1;
        let (m, g) = line.split(';').next().unwrap().split_once(',').unwrap();
        members += m.parse::<usize>().unwrap();
        guests += g.parse::<usize>().unwrap();
    }
    let _ = std::fs::remove_file(&go);
    assert_eq!((members, guests), (VALUES, VALUES), "each value stored by exactly one writer");
    let emails: Vec<String> =
        Member::read().run(d).unwrap().into_iter().map(|m| m.email.to_string().to_lowercase()).collect();
    let names: Vec<String> = Guest::read().run(d).unwrap().into_iter().map(|g| g.name).collect();
    assert_eq!(emails.len(), VALUES, "0 duplicates");
    assert_eq!(emails.iter().collect::<BTreeSet<_>>().len(), VALUES);
    assert_eq!(names.len(), VALUES, "0 duplicates");
    assert_eq!(names.iter().collect::<BTreeSet<_>>().len(), VALUES);
}

#[test]
fn two_processes_of_eight_threads_store_each_identity_once_on_a_sqlite_file() {
    let file = sqlite_common::TempDb::new("race");
    let db = Sqlite::open_with(file.path(), SqliteOptions::file().create_schema(true)).unwrap();
    let d = domain(std::sync::Arc::new(db));
    race(&d, &format!("sqlite:{}", file.path().display()), "sqlite");
}

#[cfg(feature = "postgres")]
#[test]
fn two_processes_of_eight_threads_store_each_identity_once_on_postgres() {
    let Some(schema) = sqlite_common::TempSchema::new() else {
        eprintln!("skipped: set RESOURCE_TEST_POSTGRES_URL to run on PostgreSQL");
        return;
    };
    let d = domain(std::sync::Arc::new(schema.db.clone()));
    race(&d, &format!("postgres:{}", schema.name), "postgres");
}
