//! The embedded command line: each command's output and exit code, bad
//! arguments, and embedded migrations.
#![cfg(all(feature = "sqlite", feature = "cli"))]

mod migrations_common;

use migrations_common::{Scratch, write_migration};
use resource::Sqlite;
use resource::cli::Project;

/// Runs `args` and returns (exit code, stdout, stderr).
fn run(project: &Project, args: &[&str]) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = project.run(std::iter::once("app").chain(args.iter().copied()), &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

fn project(scratch: &Scratch) -> Project {
    Project::new(Sqlite::storage(scratch.path("db/app.db")))
        .migration_path(scratch.path("priv"))
        .snapshot_path(scratch.path("priv/resource_snapshots"))
}

fn two_migrations(scratch: &Scratch) {
    let dir = scratch.path("priv/repo/migrations");
    write_migration(&dir, "20260101000000", "create_a", "CREATE TABLE a (id INTEGER PRIMARY KEY);", "DROP TABLE a;");
    write_migration(&dir, "20260102000000", "create_b", "CREATE TABLE b (id INTEGER PRIMARY KEY);", "DROP TABLE b;");
}

#[test]
fn create_migrate_status_rollback_drop() {
    let scratch = Scratch::new("cli");
    two_migrations(&scratch);
    let project = project(&scratch);
    let db = scratch.path("db/app.db").display().to_string();

    let (code, out, _) = run(&project, &["status"]);
    assert_eq!((code, out.lines().nth(1)), (0, Some("  the database does not exist (2 migrations pending)")));
    assert_eq!(run(&project, &["create"]), (0, format!("created {db}\n"), String::new()));
    assert_eq!(run(&project, &["create"]), (0, format!("{db} already exists\n"), String::new()));

    let (code, out, err) = run(&project, &["migrate", "--step", "1"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "== Applying 20260101000000_create_a");
    assert!(lines[1].starts_with("== Applied 20260101000000_create_a in "), "{out}");
    assert_eq!(lines[2], format!("{db}: 1 migration applied"));

    let (code, out, _) = run(&project, &["status"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[1].starts_with("  applied  20260101000000_create_a  20"), "{out}");
    assert_eq!(lines[2], "  pending  20260102000000_create_b");

    let (_, out, _) = run(&project, &["migrate"]);
    assert!(out.ends_with(&format!("{db}: 1 migration applied\n")), "{out}");
    assert_eq!(run(&project, &["migrate"]).1, format!("{db}: up to date\n"));

    let (code, out, _) = run(&project, &["rollback", "--all"]);
    assert_eq!(code, 0);
    assert!(out.contains("== Reverting 20260102000000_create_b\n"), "{out}");
    assert!(out.ends_with(&format!("{db}: 2 migrations reverted\n")), "{out}");

    let (code, _, err) = run(&project, &["rollback"]);
    assert_eq!((code, err.as_str()), (1, "error: cannot roll back 1 migration: none is applied\n"));

    assert_eq!(run(&project, &["drop"]), (0, format!("dropped {db}\n"), String::new()));
    assert_eq!(run(&project, &["drop"]), (0, format!("{db} does not exist\n"), String::new()));
    assert_eq!(
        run(&project, &["rollback"]),
        (1, String::new(), format!("error: {db} does not exist: there is nothing to roll back\n"))
    );
    assert!(!scratch.path("db/app.db").exists(), "rollback creates nothing");
}

#[test]
fn a_database_that_cannot_be_created_is_named() {
    let scratch = Scratch::new("cli_cannot_create");
    std::fs::write(scratch.path("file"), "").unwrap();
    let project = Project::new(Sqlite::storage(scratch.path("file/app.db")));
    let (code, out, err) = run(&project, &["create"]);
    assert_eq!((code, out.as_str()), (1, ""));
    // The data layer's message, without "data layer error: " after "error: ".
    let db = scratch.path("file/app.db").display().to_string();
    assert!(err.starts_with(&format!("error: cannot look for {db}: ")), "{err}");
}

/// A repo type, as a resource's `sqlite { repo: HelpdeskRepo; }` names it.
struct HelpdeskRepo;
impl resource::Repo for HelpdeskRepo {}

#[test]
fn a_project_without_the_default_repo_visits_only_its_repos() {
    let scratch = Scratch::new("cli_empty");
    let dir = scratch.path("priv/helpdesk_repo/migrations");
    write_migration(&dir, "20260101000000", "create_a", "CREATE TABLE a (id INTEGER PRIMARY KEY);", "DROP TABLE a;");
    let project = Project::empty()
        .with_repo::<HelpdeskRepo>(Sqlite::storage(scratch.path("helpdesk.db")))
        .migration_path(scratch.path("priv"));
    let db = scratch.path("helpdesk.db").display().to_string();
    assert_eq!(
        run(&project, &["status"]),
        (0, format!("{db} ({})\n  the database does not exist (1 migration pending)\n", dir.display()), String::new())
    );
    let (code, out, _) = run(&project, &["migrate"]);
    assert_eq!(code, 0);
    assert!(out.ends_with(&format!("{db}: 1 migration applied\n")), "{out}");
    assert_eq!(out.matches("migration applied").count(), 1, "one repo: {out}");
    let (code, out, _) = run(&project, &["status"]);
    assert_eq!((code, out.lines().count()), (0, 2), "{out}");
    assert_eq!(
        run(&project, &["--repo", "repo", "status"]),
        (1, String::new(), "error: no repo `repo`; the repos are: helpdesk_repo\n".to_string())
    );
    assert_eq!(
        run(&Project::empty(), &["migrate"]),
        (
            1,
            String::new(),
            "error: the project has no database: give one with `Project::new` or `with_repo`\n".to_string()
        )
    );
}

#[test]
fn two_repos_on_one_database_are_refused() {
    let scratch = Scratch::new("cli_shared");
    let path = scratch.path("app.db");
    let project = Project::new(Sqlite::storage(&path))
        .with_repo::<HelpdeskRepo>(Sqlite::storage(&path))
        .migration_path(scratch.path("priv"));
    for command in ["migrate", "status", "rollback", "create", "drop"] {
        let (code, out, err) = run(&project, &[command]);
        assert_eq!((code, out.as_str()), (1, ""), "{command}");
        assert!(
            err.starts_with(&format!(
                "error: repos `repo` and `helpdesk_repo` are both given the database {}: each repo needs its own",
                path.display()
            )),
            "{command}: {err}"
        );
    }
    assert!(!path.exists(), "nothing is created");
    // The generator needs no database.
    assert_eq!(run(&project, &["generate-migrations", "--check"]).0, 0);
}

#[test]
fn migrate_creates_a_missing_database() {
    let scratch = Scratch::new("cli_create");
    two_migrations(&scratch);
    let (code, out, _) = run(&project(&scratch), &["migrate"]);
    assert_eq!(code, 0);
    assert!(out.starts_with(&format!("created {}\n", scratch.path("db/app.db").display())), "{out}");
}

#[test]
fn status_exits_1_when_an_applied_file_changed() {
    let scratch = Scratch::new("cli_changed");
    two_migrations(&scratch);
    let project = project(&scratch);
    assert_eq!(run(&project, &["migrate"]).0, 0);
    let path = scratch.path("priv/repo/migrations/20260101000000_create_a.sql");
    std::fs::write(&path, std::fs::read_to_string(&path).unwrap().replace("a (id", "a (x, id")).unwrap();
    let (code, out, _) = run(&project, &["status"]);
    assert_eq!(code, 1);
    assert!(out.contains("  CHANGED  20260101000000_create_a  the file changed after it was applied"), "{out}");
    let (code, _, err) = run(&project, &["rollback"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("error: migration 20260101000000 was applied, but "), "{err}");
}

#[test]
fn bad_arguments_exit_2_with_clap_s_message() {
    let scratch = Scratch::new("cli_args");
    let project = project(&scratch);
    let (code, _, err) = run(&project, &["migrate", "--to", "2026"]);
    assert_eq!(code, 2);
    assert!(err.contains("a version is 14 digits (YYYYMMDDHHMMSS)"), "{err}");
    let (code, _, err) = run(&project, &["rollback", "--all", "--step", "2"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
    assert_eq!(run(&project, &["migrat"]).0, 2);
    let (code, _, err) = run(&project, &["--repo", "other", "status"]);
    assert_eq!((code, err.as_str()), (1, "error: no repo `other`; the repos are: repo\n"));
    let (code, out, _) = run(&project, &["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("generate-migrations"), "{out}");
}

#[test]
fn a_malformed_migration_file_is_named() {
    let scratch = Scratch::new("cli_malformed");
    let dir = scratch.path("priv/repo/migrations");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("20260101000000_oops.sql"), "CREATE TABLE a (id);\n").unwrap();
    let (code, _, err) = run(&project(&scratch), &["migrate"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!("error: {}: line 1: SQL before `-- migrate:up`\n", dir.join("20260101000000_oops.sql").display())
    );
    assert!(!scratch.path("db/app.db").exists(), "nothing is created when the files cannot be read");
}

#[test]
fn embedded_migrations_migrate_without_the_files() {
    static EMBEDDED: &[(&str, &[(&str, &str)])] = resource::embed_migrations!("tests/fixtures/embedded");
    assert_eq!(EMBEDDED.len(), 1);
    assert_eq!(EMBEDDED[0].0, "repo");
    let names: Vec<&str> = EMBEDDED[0].1.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, ["20260101000000_create_notes.sql", "20260102000000_index_notes.sql"]);

    let scratch = Scratch::new("cli_embedded");
    // No files under the scratch directory: the embedded ones are used.
    let project = project(&scratch).embedded_migrations(EMBEDDED);
    let (code, out, err) = run(&project, &["migrate"]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert!(out.ends_with(": 2 migrations applied\n"), "{out}");
    let db = Sqlite::open(scratch.path("db/app.db")).unwrap();
    let indexes: i64 = db
        .with_connection(|conn| {
            conn.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'notes_body_index'", [], |r| r.get(0))
        })
        .unwrap();
    assert_eq!(indexes, 1);
}

mod notes {
    use resource::dsl::resource;

    resource! {
        pub Note {
            data_layer: Sqlite,
            attributes {
                integer_primary_key id;
                attribute body: String { allow_nil: false, public: true }
            }
            identities { identity unique_body [body]; }
            actions { default_accept [body]; defaults [create, read]; }
            sqlite { table: "notes"; }
        }
    }
}

#[test]
fn generate_check_migrate_then_use_the_database() {
    use resource::prelude::*;
    let scratch = Scratch::new("cli_generate");
    let project = project(&scratch).register::<notes::Note>();

    let (code, out, err) = run(&project, &["generate-migrations", "--check"]);
    assert_eq!((code, err.as_str()), (1, ""), "{out}");
    assert!(out.ends_with("the resources and the snapshots differ: run generate-migrations\n"), "{out}");
    let (code, out, _) = run(&project, &["generate-migrations", "--dry-run", "--name", "add_notes"]);
    assert_eq!(code, 0);
    assert!(out.contains("CREATE TABLE \"notes\""), "{out}");
    assert!(!scratch.path("priv/repo/migrations").exists(), "a dry run writes nothing");

    let (code, out, _) = run(&project, &["generate-migrations", "--name", "add_notes"]);
    assert_eq!(code, 0);
    let created: Vec<&str> = out.lines().collect();
    assert_eq!(created.len(), 2, "the migration and the table's snapshot: {out}");
    assert!(created.iter().all(|line| line.starts_with("* creating ")), "{out}");
    assert!(out.contains("_add_notes.sql"), "{out}");
    assert_eq!(
        run(&project, &["generate-migrations", "--check"]),
        (0, "no changes: the snapshots match the resources\n".into(), String::new())
    );
    assert_eq!(run(&project, &["generate-migrations"]).1, "no changes: the snapshots match the resources\n");

    assert_eq!(run(&project, &["migrate"]).0, 0);
    let db = Sqlite::open(scratch.path("db/app.db")).unwrap();
    let app = Domain::new().register::<notes::Note>().with_sqlite(db).build().unwrap();
    notes::Note::create().body("hello").run(&app).unwrap();
    let taken = notes::Note::create().body("hello").run(&app).unwrap_err();
    assert_eq!(
        taken.to_string(),
        "invalid input: body: has already been taken",
        "the migration made the identity's index"
    );
}

#[test]
fn generate_refuses_a_bad_name() {
    let scratch = Scratch::new("cli_generate_name");
    let project = project(&scratch).register::<notes::Note>();
    let (code, _, err) = run(&project, &["generate-migrations", "--name", "add notes"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("add notes"), "{err}");
    assert!(!scratch.path("priv").exists());
}
