//! The whole helpdesk tutorial (seed 004) on both data layers: the same
//! application code, the same findings.

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

#[test]
fn a_resource_names_its_repo_and_the_domain_must_provide_it() {
    let err = domain().build().err().expect("no database for the repo");
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
