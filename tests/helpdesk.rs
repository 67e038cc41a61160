//! The whole helpdesk tutorial (seed 004) on both data layers: the same
//! application code, the same findings; and its migrations: committed,
//! current, and what the tutorial runs on.

#[allow(dead_code)]
#[path = "../examples/helpdesk.rs"]
mod helpdesk;

use std::sync::Arc;

use helpdesk::{Findings, Representative, Status, Ticket, tutorial};
use resource::prelude::*;
use resource::{Ets, SqliteOptions};

fn domain() -> resource::domain::DomainBuilder {
    Domain::new().register::<Representative>().register::<Ticket>()
}

fn expected() -> Findings {
    Findings {
        foobar: vec![],
        closed_not_barbaz: ["Issue 0", "Issue 2", "Issue 4"].map(|s| (s.to_string(), Status::Closed)).to_vec(),
        open_for_joe: 3,
        open_status_subjects: ["Issue 1", "Issue 3", "Issue 5"].map(|s| format!("open: {s}")).to_vec(),
        joe_open_tickets: 3,
        issue_1_representative: Some("Joe Armstrong".to_string()),
    }
}

#[test]
fn the_tutorial_runs_on_ets() {
    let domain = domain().with_data_layer(Arc::new(Ets::new())).build().unwrap();
    assert_eq!(tutorial(&domain).unwrap(), expected());
}

#[test]
fn the_tutorial_runs_on_a_sqlite_file_with_the_same_findings() {
    let dir = std::env::temp_dir().join(format!("resource-helpdesk-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("helpdesk.db");
    let sqlite = Sqlite::open_with(&path, SqliteOptions::file().create_schema(true)).unwrap();
    let findings = tutorial(&domain().with_repo::<helpdesk::HelpdeskRepo>(sqlite).build().unwrap());
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(findings.unwrap(), expected());
}

#[cfg(feature = "postgres")]
#[test]
fn the_tutorial_runs_on_postgres_with_the_same_findings() {
    let Ok(url) = std::env::var("RESOURCE_TEST_POSTGRES_URL") else {
        eprintln!("skipped: set RESOURCE_TEST_POSTGRES_URL to run on PostgreSQL");
        return;
    };
    assert_eq!(helpdesk::on_postgres(&url, domain()).unwrap(), expected());
}

/// The example's `--postgres URL`: the URL is the next argument, and
/// `--postgres` without one is refused.
#[test]
fn the_example_reads_the_url_after_postgres() {
    let args = |list: &[&str]| list.iter().map(|a| a.to_string()).collect::<Vec<String>>();
    let given = args(&["--sql", "--postgres", "host=/tmp user=app"]);
    assert_eq!(helpdesk::postgres_url(&given).unwrap(), Some("host=/tmp user=app"));
    assert_eq!(helpdesk::postgres_url(&args(&["--sql"])).unwrap(), None);
    for bad in [&["--postgres"][..], &["--postgres", "--sql"]] {
        let error = helpdesk::postgres_url(&args(bad)).unwrap_err().to_string();
        assert!(error.contains("--postgres needs the server's URL"), "{error}");
    }
}

/// A temp directory, removed on drop.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("resource-helpdesk-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the example's `db` command line; returns (exit code, stdout, stderr).
fn db(project: &resource::cli::Project, args: &[&str]) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = project.run(std::iter::once("helpdesk db").chain(args.iter().copied()), &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

/// The committed migrations, oldest first, as `<version>_<name>`.
fn committed_migrations() -> Vec<String> {
    let dir = std::path::Path::new(helpdesk::PRIV).join("helpdesk_repo/migrations");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|entry| entry.unwrap().file_name().into_string().unwrap().strip_suffix(".sql").map(String::from))
        .collect();
    names.sort();
    assert!(names.first().is_some_and(|name| name.ends_with("_create_helpdesk")), "{names:?}");
    names
}

/// `1 migration`, `2 migrations`.
fn migrations(n: usize) -> String {
    format!("{n} migration{}", if n == 1 { "" } else { "s" })
}

#[test]
fn the_committed_migrations_and_snapshots_match_the_resources() {
    let scratch = TempDir::new("check");
    let project = helpdesk::project(scratch.0.join("helpdesk.db"));
    let (code, out, err) = db(&project, &["generate-migrations", "--check"]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "no changes: the snapshots match the resources\n", ""),
        "the helpdesk's resources changed: run `cargo run --example helpdesk -- db generate-migrations --name NAME` \
         and commit the files"
    );
}

#[test]
fn the_tutorial_runs_on_a_database_built_by_the_committed_migrations() {
    assert!(
        helpdesk::embedded_migrations_are_current(),
        "the example embeds other migrations than {}: rebuild it (`touch examples/helpdesk.rs`)",
        helpdesk::PRIV
    );
    let scratch = TempDir::new("migrated");
    let path = scratch.0.join("helpdesk.db");
    let mut out = Vec::new();
    let sqlite = helpdesk::migrated_database(&path, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    let all = committed_migrations();
    assert!(out.starts_with(&format!("created {}\n== Applying {}\n", path.display(), all[0])), "{out}");
    assert!(out.ends_with(&format!("{}: {} applied\n", path.display(), migrations(all.len()))), "{out}");
    let findings = tutorial(&domain().with_repo::<helpdesk::HelpdeskRepo>(sqlite).build().unwrap());
    assert_eq!(findings.unwrap(), expected());
}

#[test]
fn db_migrate_status_rollback_on_a_file() {
    let scratch = TempDir::new("db");
    let path = scratch.0.join("helpdesk.db");
    let project = helpdesk::project(&path);
    let (db_name, all) = (path.display().to_string(), committed_migrations());
    let header = format!("{db_name} ({}/helpdesk_repo/migrations)", helpdesk::PRIV);

    assert_eq!(
        db(&project, &["status"]),
        (0, format!("{header}\n  the database does not exist ({} pending)\n", migrations(all.len())), String::new())
    );
    let (code, out, err) = db(&project, &["migrate"]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2 + 2 * all.len(), "{out}");
    assert_eq!(lines[..2], [format!("created {db_name}"), format!("== Applying {}", all[0])]);
    assert!(lines[2].starts_with(&format!("== Applied {} in ", all[0])), "{out}");
    assert_eq!(lines.last().unwrap(), &format!("{db_name}: {} applied", migrations(all.len())));
    assert_eq!(db(&project, &["migrate"]), (0, format!("{db_name}: up to date\n"), String::new()));

    let (code, out, _) = db(&project, &["status"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!((lines.len(), lines[0]), (1 + all.len(), header.as_str()), "one repo, no `repo`: {out}");
    for (line, migration) in lines[1..].iter().zip(&all) {
        assert!(line.starts_with(&format!("  applied  {migration}  20")), "{out}");
    }

    // The tutorial runs on the migrated file.
    let sqlite = Sqlite::open(&path).unwrap();
    assert_eq!(tutorial(&domain().with_repo::<helpdesk::HelpdeskRepo>(sqlite).build().unwrap()).unwrap(), expected());

    let (code, out, err) = db(&project, &["rollback", "--all"]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert!(out.starts_with(&format!("== Reverting {}\n", all.last().unwrap())), "{out}");
    assert!(out.ends_with(&format!("{db_name}: {} reverted\n", migrations(all.len()))), "{out}");
    let pending: String = all.iter().map(|migration| format!("  pending  {migration}\n")).collect();
    assert_eq!(db(&project, &["status"]), (0, format!("{header}\n{pending}"), String::new()));
    let (code, _, err) = db(&project, &["rollback"]);
    assert_eq!((code, err.as_str()), (1, "error: cannot roll back 1 migration: none is applied\n"));
    assert_eq!(db(&project, &["drop"]), (0, format!("dropped {db_name}\n"), String::new()));
    assert!(!path.exists());
}

#[test]
fn a_resource_names_its_repo_and_the_domain_must_provide_it() {
    let err = domain().build().expect_err("no database for the repo");
    let message = err.to_string();
    assert!(message.contains("resource Representative is stored in repo"), "{message}");
    assert!(message.contains("with_repo::<"), "{message}");
    // A repo the domain was not given falls back to the default database.
    let fallback = domain().with_sqlite(Sqlite::memory().unwrap()).build().unwrap();
    assert_eq!(tutorial(&fallback).unwrap(), expected());
}

#[test]
fn resources_of_different_repos_live_in_different_databases() {
    let helpdesk_db = Sqlite::memory().unwrap();
    let default_db = Sqlite::memory().unwrap();
    // Tickets belong to representatives: both in the helpdesk repo (a
    // ticket's table references theirs).
    let domain = Domain::new()
        .register::<Ticket>()
        .register::<Representative>()
        .register::<Note>()
        .with_repo::<helpdesk::HelpdeskRepo>(helpdesk_db.clone())
        .with_sqlite(default_db.clone())
        .build()
        .unwrap();
    Ticket::open().subject("In the helpdesk repo").run(&domain).unwrap();
    Note::create().text("In the default database").run(&domain).unwrap();
    let tables = |db: &Sqlite| {
        db.with_connection(|conn| {
            let mut statement = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?;
            let names = statement.query_map([], |row| row.get::<_, String>(0))?;
            names.collect::<Result<Vec<_>, _>>()
        })
        .unwrap()
    };
    assert!(tables(&helpdesk_db).contains(&"tickets".to_string()));
    assert!(!tables(&helpdesk_db).contains(&"notes".to_string()));
    assert!(tables(&default_db).contains(&"notes".to_string()));
    assert!(!tables(&default_db).contains(&"tickets".to_string()));
}

resource::dsl::resource! {
    /// A resource on SQLite that names no repo.
    pub Note {
        data_layer: Sqlite,
        attributes {
            uuid_primary_key id;
            attribute text: String { allow_nil: false, public: true }
        }
        actions {
            default_accept [text];
            defaults [create, read];
        }
        sqlite {
            table: "notes";
        }
    }
}

#[test]
fn a_domain_shows_its_resources_and_their_layers_in_debug() {
    let domain = domain().with_data_layer(Arc::new(Ets::new())).build().unwrap();
    assert_eq!(format!("{domain:?}"), r#"Domain { resources: {"Representative": "ets", "Ticket": "ets"} }"#);
}
