//! The helpdesk of "Getting Started With AshSqlite" (seed 004): representatives
//! and tickets, stored in a SQLite file in a temporary directory that the
//! committed migrations build. The same application code runs on the
//! in-memory ETS-like layer with `--ets`.
//!
//! ```sh
//! cargo run --example helpdesk            # SQLite file, built by the migrations
//! cargo run --example helpdesk -- --ets   # in memory
//! cargo run --example helpdesk -- --sql   # also print every SQL statement
//! cargo run --features postgres --example helpdesk -- --postgres URL
//! ```
//!
//! `--postgres URL` (`postgres://user@host/db`, or `host=/run/postgresql
//! user=app`) runs the tutorial on that PostgreSQL server, in a schema of
//! its own (`helpdesk_<pid>`) that `Postgres::create_schema` builds from the
//! same resources and that is dropped afterwards.
//!
//! `db` runs the database commands (`resource::cli::Project`) for the
//! helpdesk's repo on `helpdesk.db` in the current directory
//! (`HELPDESK_DB=path` for another file), with the migrations and snapshots
//! in `examples/helpdesk/priv/`:
//!
//! ```sh
//! cargo run --example helpdesk -- db generate-migrations --name NAME
//! cargo run --example helpdesk -- db migrate
//! cargo run --example helpdesk -- db status
//! cargo run --example helpdesk -- db rollback
//! cargo run --example helpdesk -- db --help
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use resource::cli::Project;
use resource::dsl::resource;
use resource::prelude::*;
use resource::{Ets, expr};

/// The helpdesk's database (Ash's `Helpdesk.Repo`): resources name it in
/// their `sqlite` section, [`project`] and `main` say which file it is.
pub struct HelpdeskRepo;

impl resource::Repo for HelpdeskRepo {}

/// A ticket is open until someone closes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, resource::Atom)]
pub enum Status {
    Open,
    Closed,
}

resource! {
    /// Someone who answers tickets.
    pub Representative {
        data_layer: Sqlite,
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
        }
        relationships {
            has_many tickets: Ticket;
        }
        aggregates {
            // AshSqlite has no aggregates; these run on SQLite and in memory alike.
            count open_tickets: tickets { filter: expr(status == "open") }
        }
        actions {
            default_accept [name];
            defaults [create, read, update, destroy];
        }
        sqlite {
            table: "representatives";
            repo: HelpdeskRepo;
        }
    }
}

resource! {
    /// A customer's problem.
    pub Ticket {
        data_layer: Sqlite,
        attributes {
            uuid_primary_key id;
            attribute subject: String { allow_nil: false, public: true }
            attribute status: Status { default: Status::Open, public: true }
            attribute representative_id: Option<Uuid> { public: true }
        }
        relationships {
            belongs_to representative: Representative;
        }
        calculations {
            // The tutorial's `calculate :status_subject, :string, expr("#{status}: #{subject}")`.
            calculate status_subject: String = expr(status <> ": " <> subject);
        }
        actions {
            defaults [read, destroy];
            create open { accept [subject]; }
            update assign { accept [representative_id]; }
            update close {
                accept [];
                change set_attribute(status, Status::Closed);
            }
        }
        sqlite {
            table: "tickets";
            repo: HelpdeskRepo;
        }
    }
}

/// What the tutorial finds, so that both data layers can be compared.
#[derive(Debug, PartialEq)]
pub struct Findings {
    pub foobar: Vec<String>,
    pub closed_not_barbaz: Vec<(String, Status)>,
    pub open_for_joe: usize,
    /// The open tickets' `status_subject` calculation.
    pub open_status_subjects: Vec<String>,
    /// Joe's `open_tickets` aggregate, and the representative of Issue 1, loaded.
    pub joe_open_tickets: i64,
    pub issue_1_representative: Option<String>,
}

/// The tutorial: the same code whatever the domain stores records in.
pub fn tutorial(helpdesk: &Domain) -> Result<Findings, Error> {
    let joe = Representative::create().name("Joe Armstrong").run(helpdesk)?;
    for i in 0..=5 {
        let ticket = Ticket::open().subject(format!("Issue {i}")).run(helpdesk)?;
        let ticket = ticket.assign().representative_id(joe.id).run(helpdesk)?;
        if i % 2 == 0 {
            ticket.close().run(helpdesk)?;
        }
    }

    // Show the tickets where the subject equals "foobar".
    let foobar = Ticket::read().filter(expr!(subject == "foobar")).run(helpdesk)?;
    // Show the tickets that are closed and their subject does not equal "barbaz".
    let closed = Ticket::read()
        .filter(expr!(status == "closed" && !(subject == "barbaz")))
        .sort(ticket::subject.asc())
        .run(helpdesk)?;
    let open_for_joe = Ticket::read().filter(expr!(status == "open" && representative_id == ^joe.id)).run(helpdesk)?;

    // Calculations: load `status_subject` on the open tickets.
    let open = Ticket::read()
        .filter(expr!(status == "open"))
        .load(ticket::status_subject)
        .sort(ticket::subject.asc())
        .run(helpdesk)?;
    // Aggregates and relationships, loaded without a read per record.
    let joe = Representative::read()
        .filter(expr!(name == "Joe Armstrong"))
        .load(representative::open_tickets)
        .first(helpdesk)?;
    let issue_1 = Ticket::read().filter(expr!(subject == "Issue 1")).load(ticket::representative).first(helpdesk)?;
    Ok(Findings {
        foobar: foobar.into_iter().map(|t| t.subject).collect(),
        closed_not_barbaz: closed.into_iter().map(|t| (t.subject, t.status)).collect(),
        open_for_joe: open_for_joe.len(),
        open_status_subjects: open.into_iter().filter_map(|t| t.status_subject.into_option()).collect(),
        joe_open_tickets: joe.and_then(|joe| joe.open_tickets.into_option()).unwrap_or_default(),
        issue_1_representative: issue_1
            .and_then(|t| t.representative.into_option().and_then(|r| r.into_inner()))
            .map(|r| r.name),
    })
}

fn print(findings: &Findings) {
    println!("tickets whose subject is \"foobar\": {:?}", findings.foobar);
    println!("closed tickets not about \"barbaz\":");
    for (subject, status) in &findings.closed_not_barbaz {
        println!("  {subject} ({status})");
    }
    println!("open tickets assigned to Joe Armstrong: {}", findings.open_for_joe);
    println!("open tickets, with their status_subject calculation: {:?}", findings.open_status_subjects);
    println!("Joe's open_tickets aggregate: {}", findings.joe_open_tickets);
    println!("Issue 1's representative, loaded: {:?}", findings.issue_1_representative);
}

/// The helpdesk's migrations (`helpdesk_repo/migrations/`) and snapshots
/// (`resource_snapshots/`), relative to the crate's root.
pub const PRIV: &str = "examples/helpdesk/priv";

/// The migrations, compiled into the example when it is built (the `db`
/// commands read the files instead, so that a migration just generated is
/// seen). A new file is embedded once the example is rebuilt.
pub static MIGRATIONS: &[(&str, &[(&str, &str)])] = resource::embed_migrations!("examples/helpdesk/priv");

/// [`PRIV`] as a path from the current directory: relative from the crate's
/// root (shorter messages), else absolute.
pub fn priv_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let at_root = std::env::current_dir()
        .ok()
        .and_then(|dir| dir.canonicalize().ok())
        .is_some_and(|dir| root.canonicalize().is_ok_and(|root| root == dir));
    if at_root { PathBuf::from(PRIV) } else { root.join(PRIV) }
}

/// The helpdesk's database commands for the SQLite file `db`: its one repo,
/// `HelpdeskRepo` (`helpdesk_repo`), and its resources for the generator.
pub fn project(db: impl Into<PathBuf>) -> Project {
    let dir = priv_dir();
    Project::empty()
        .with_repo::<HelpdeskRepo>(Sqlite::storage(db))
        .register::<Representative>()
        .register::<Ticket>()
        .migration_path(&dir)
        .snapshot_path(dir.join("resource_snapshots"))
}

/// The database file of the `db` commands: `HELPDESK_DB`, else `helpdesk.db`.
pub fn database_path() -> PathBuf {
    std::env::var_os("HELPDESK_DB").filter(|path| !path.is_empty()).map_or_else(|| "helpdesk.db".into(), PathBuf::from)
}

/// Whether the files in [`PRIV`] are the ones this build embedded: a file
/// generated since the example was compiled is not embedded until it is
/// rebuilt (`touch examples/helpdesk.rs`; a crate of your own would have a
/// `build.rs` with `cargo:rerun-if-changed`, `docs/cli.md`).
pub fn embedded_migrations_are_current() -> bool {
    let mut embedded: Vec<&str> =
        MIGRATIONS.iter().flat_map(|(_, files)| files.iter().map(|(name, _)| *name)).collect();
    let mut on_disk: Vec<String> = match std::fs::read_dir(priv_dir().join("helpdesk_repo/migrations")) {
        Ok(entries) => entries
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter(|name| name.ends_with(".sql"))
            .collect(),
        // No source tree (a copied binary): the embedded files are all there is.
        Err(_) => return true,
    };
    embedded.sort_unstable();
    on_disk.sort_unstable();
    embedded == on_disk
}

/// Creates the SQLite file `path` and applies the embedded migrations to it
/// (or the files, if they changed since the example was built), as
/// `db migrate` would, printing its progress to `out`; returns it opened.
pub fn migrated_database(path: &Path, out: &mut dyn Write) -> Result<Sqlite, Error> {
    let mut project = project(path);
    if embedded_migrations_are_current() {
        project = project.embedded_migrations(MIGRATIONS);
    } else {
        writeln!(
            out,
            "note: the migrations in {PRIV} changed since this example was built; reading the files (rebuild it to embed them)"
        )
        .ok();
    }
    let mut err = Vec::new();
    if project.run(["helpdesk", "migrate"], out, &mut err) != 0 {
        return Err(Error::DataLayer(String::from_utf8_lossy(&err).trim_end().to_string()));
    }
    Sqlite::open(path)
}

/// A temporary directory, removed when dropped (a panic included).
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// The tutorial on the PostgreSQL server at `url`, in a schema of its own
/// (built by `create_schema`, dropped afterwards, also on failure).
#[cfg(feature = "postgres")]
pub fn on_postgres(url: &str, domain: resource::domain::DomainBuilder) -> Result<Findings, Error> {
    use resource::{Postgres, PostgresOptions};
    let schema = format!("helpdesk_{}", std::process::id());
    let db = Postgres::connect_with(url, PostgresOptions::default().schema(&schema))?;
    let findings = db
        .create_schema([Representative::info(), Ticket::info()])
        .and_then(|()| tutorial(&domain.with_repo::<HelpdeskRepo>(db.clone()).build()?));
    let dropped = db.drop_schema();
    let findings = findings?;
    dropped.map(|()| findings)
}

/// The URL after `--postgres`, if it is given.
pub fn postgres_url(args: &[String]) -> Result<Option<&str>, Error> {
    let Some(at) = args.iter().position(|a| a == "--postgres") else { return Ok(None) };
    match args.get(at + 1).filter(|url| !url.starts_with("--")) {
        Some(url) => Ok(Some(url)),
        None => Err(Error::DataLayer("--postgres needs the server's URL: --postgres postgres://user@host/db".into())),
    }
}

fn run_tutorial(args: &[String]) -> Result<(), Error> {
    if args.iter().any(|a| a == "--sql") {
        // Each statement the SQLite layer runs is a debug event inside the
        // span of the action that ran it: `action{resource=Ticket action=open ..}: INSERT ..`.
        tracing_subscriber::fmt().with_max_level(tracing::Level::DEBUG).without_time().with_target(false).init();
    }
    let domain = Domain::new().register::<Representative>().register::<Ticket>();
    if args.iter().any(|a| a == "--ets") {
        println!("data layer: ETS (in memory)\n");
        print(&tutorial(&domain.with_data_layer(Arc::new(Ets::new())).build()?)?);
        return Ok(());
    }
    if let Some(url) = postgres_url(args)? {
        #[cfg(feature = "postgres")]
        {
            println!("data layer: PostgreSQL at {url}, in a schema of its own (dropped afterwards)\n");
            print(&on_postgres(url, domain)?);
            return Ok(());
        }
        #[cfg(not(feature = "postgres"))]
        return Err(Error::DataLayer(format!(
            "this build has no PostgreSQL layer: cargo run --features postgres --example helpdesk -- --postgres {url}"
        )));
    }
    let dir = TempDir(std::env::temp_dir().join(format!("resource-helpdesk-{}", std::process::id())));
    std::fs::create_dir_all(&dir.0).map_err(|e| Error::DataLayer(format!("cannot create {}: {e}", dir.0.display())))?;
    let path = dir.0.join("helpdesk.db");
    println!("data layer: SQLite file {}, built by the migrations in {}", path.display(), priv_dir().display());
    let findings = migrated_database(&path, &mut std::io::stdout())
        .and_then(|sqlite| tutorial(&domain.with_repo::<HelpdeskRepo>(sqlite).build()?));
    drop(dir);
    println!();
    print(&findings?);
    Ok(())
}

const USAGE: &str =
    "usage: helpdesk [--ets | --postgres URL] [--sql]    run the tutorial (on SQLite, in memory, or on PostgreSQL)
       helpdesk db <COMMAND>                          the database commands (`helpdesk db --help`)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "db") {
        let project = project(database_path());
        let code = project.run(
            std::iter::once("helpdesk db".to_string()).chain(args[1..].iter().cloned()),
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        );
        return ExitCode::from(code);
    }
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let url = args.iter().position(|a| a == "--postgres").map(|at| at + 1);
    let known = |(i, a): &(usize, &String)| *a == "--ets" || *a == "--sql" || *a == "--postgres" || Some(*i) == url;
    if let Some((_, unknown)) = args.iter().enumerate().find(|arg| !known(arg)) {
        eprintln!("error: unexpected argument `{unknown}`\n{USAGE}");
        return ExitCode::from(2);
    }
    match run_tutorial(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
