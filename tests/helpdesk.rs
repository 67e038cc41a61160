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
    let findings = tutorial(&domain().with_sqlite(sqlite).build().unwrap());
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(findings.unwrap(), expected());
}
