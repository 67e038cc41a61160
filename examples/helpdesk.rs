//! The helpdesk of "Getting Started With AshSqlite" (seed 004): representatives
//! and tickets, stored in a SQLite file in a temporary directory. The same
//! application code runs on the in-memory ETS-like layer with `--ets`.
//!
//! ```sh
//! cargo run --example helpdesk            # SQLite file
//! cargo run --example helpdesk -- --ets   # in memory
//! cargo run --example helpdesk -- --sql   # also print every SQL statement
//! ```

use std::sync::Arc;

use resource::dsl::resource;
use resource::prelude::*;
use resource::{Ets, SqliteOptions, expr};

/// The helpdesk's database (Ash's `Helpdesk.Repo`): resources name it in
/// their `sqlite` section, `main` says which file it is.
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
        issue_1_representative: issue_1.and_then(|t| t.representative.into_option().flatten()).map(|r| r.name),
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

/// Prints the SQL the SQLite layer logs at debug level (`--sql`).
struct PrintSql;

impl log::Log for PrintSql {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.target() == "resource::sqlite"
    }
    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            println!("  [sql] {}", record.args());
        }
    }
    fn flush(&self) {}
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--sql") {
        log::set_logger(&PrintSql).map(|()| log::set_max_level(log::LevelFilter::Debug)).ok();
    }
    let domain = Domain::new().register::<Representative>().register::<Ticket>();
    if args.iter().any(|a| a == "--ets") {
        println!("data layer: ETS (in memory)\n");
        print(&tutorial(&domain.with_data_layer(Arc::new(Ets::new())).build()?)?);
        return Ok(());
    }
    let dir = std::env::temp_dir().join(format!("resource-helpdesk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| Error::DataLayer(format!("cannot create {}: {e}", dir.display())))?;
    let path = dir.join("helpdesk.db");
    println!("data layer: SQLite file {}\n", path.display());
    let sqlite = Sqlite::open_with(&path, SqliteOptions::file().create_schema(true))?;
    let findings = tutorial(&domain.with_repo::<HelpdeskRepo>(sqlite).build()?);
    std::fs::remove_dir_all(&dir).ok();
    print(&findings?);
    Ok(())
}
