//! Calculations (seed 004's `status_subject`, a fragment, a path through a
//! relationship): loaded on demand, filtered and sorted on, on ETS and SQLite.

mod helpdesk_common;

use helpdesk_common::{Counter, Representative, Status, Ticket, representative, seed, ticket};
use resource::expr;
use resource::prelude::*;

on_both!(loads_on_demand);

fn loads_on_demand(d: &Domain, _: &Counter) {
    seed(d);
    let open = Ticket::read()
        .filter(expr!(status == "open"))
        .load(ticket::status_subject)
        .sort(ticket::subject.asc())
        .run(d)
        .unwrap();
    let shown: Vec<&str> = open.iter().map(|t| t.status_subject.unwrap().as_str()).collect();
    assert_eq!(shown, ["open: Issue 1", "open: Issue 3", "open: Issue 5", "open: Unassigned"]);
    assert_eq!(open[0].status, Status::Open);

    let plain = Ticket::read().sort(ticket::subject.asc()).first(d).unwrap().unwrap();
    assert!(plain.status_subject.is_not_loaded());
    let by_name = Ticket::read().load("status_subject").sort(ticket::subject.asc()).first(d).unwrap().unwrap();
    assert_eq!(by_name.status_subject, Loaded::Loaded("closed: Issue 0".to_string()));
}

on_both!(
    filter_and_sort_by_a_calculation,
    a_calculation_through_a_relationship,
    fragments_run_in_sql_only,
    serialized_only_when_loaded
);

fn filter_and_sort_by_a_calculation(d: &Domain, _: &Counter) {
    seed(d);
    let found = Ticket::read().filter(expr!(status_subject == "open: Issue 1")).run(d).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].subject, "Issue 1");

    // A boolean calculation is a filter by itself; sorts may name calculations.
    let urgent = Ticket::read()
        .filter(expr!(urgent && like(subject, "Issue%")))
        .sort(ticket::status_subject.desc())
        .load(ticket::urgent)
        .run(d)
        .unwrap();
    let subjects: Vec<&str> = urgent.iter().map(|t| t.subject.as_str()).collect();
    assert_eq!(subjects, ["Issue 3"]);
    assert_eq!(urgent[0].urgent, Loaded::Loaded(true));

    let by_calculation = Ticket::read().sort(ticket::status_subject.desc()).limit(3).run(d).unwrap();
    let subjects: Vec<&str> = by_calculation.iter().map(|t| t.subject.as_str()).collect();
    assert_eq!(subjects, ["Unassigned", "Issue 5", "Issue 3"]);
}

fn a_calculation_through_a_relationship(d: &Domain, _: &Counter) {
    seed(d);
    let tickets = Ticket::read().load(ticket::representative_name).sort(ticket::subject.asc()).run(d).unwrap();
    let names: Vec<Option<&str>> = tickets.iter().map(|t| t.representative_name.unwrap().as_deref()).collect();
    assert_eq!(names[0], Some("Joe Armstrong"));
    assert_eq!(names.last(), Some(&None), "no representative, no name");
    let joes = Ticket::read().filter(expr!(representative_name == "Joe Armstrong")).run(d).unwrap();
    assert_eq!(joes.len(), 6);
}

fn fragments_run_in_sql_only(d: &Domain, counter: &Counter) {
    seed(d);
    let read = Representative::read().load(representative::lower_name).sort(representative::name.asc()).run(d);
    if counter.is_sqlite() {
        let names: Vec<String> = read.unwrap().into_iter().map(|r| r.lower_name.into_option().unwrap()).collect();
        assert_eq!(names, ["ann", "joe armstrong"]);
    } else {
        let err = read.unwrap_err();
        assert!(err.to_string().contains("fragment(..) can only run in SQL data layers"), "{err}");
    }
    // A calculation without a fragment runs everywhere.
    let shouted = Representative::read().load(representative::shout).sort(representative::name.asc()).run(d).unwrap();
    assert_eq!(shouted[1].shout.unwrap(), "JOE ARMSTRONG!");
}

fn serialized_only_when_loaded(d: &Domain, _: &Counter) {
    seed(d);
    let plain = Ticket::read().filter(expr!(subject == "Issue 1")).first(d).unwrap().unwrap();
    let json = serde_json::to_value(&plain).unwrap();
    assert!(json.get("status_subject").is_none(), "{json}");
    assert!(json.get("representative").is_none(), "{json}");
    let loaded = Ticket::read()
        .filter(expr!(subject == "Issue 1"))
        .load(ticket::status_subject)
        .load(ticket::representative)
        .first(d)
        .unwrap()
        .unwrap();
    let json = serde_json::to_value(&loaded).unwrap();
    assert_eq!(json["status_subject"], "open: Issue 1");
    assert_eq!(json["representative"]["name"], "Joe Armstrong");
    assert!(json["representative"].get("tickets").is_none(), "not loaded on the representative: {json}");
    let back: Ticket = serde_json::from_value(json).unwrap();
    assert_eq!(back, loaded);
}

#[test]
fn unknown_loads_are_errors() {
    let (d, _) = helpdesk_common::helpdesk(false);
    let err = Ticket::read().load("status_subjct").run(&d).unwrap_err();
    assert_eq!(err.to_string(), "Ticket has no calculation, aggregate or relationship `status_subjct` to load");
    // Checked before anything is read, even with nothing to load it on.
    let err = Ticket::read().load("representative.nmae").run(&d).unwrap_err();
    assert_eq!(err.to_string(), "Representative has no calculation, aggregate or relationship `nmae` to load");
    // Only relationships take a query.
    let nested = resource::Load { loads: vec![resource::Load::new("x")], ..resource::Load::new("status_subject") };
    let err = Ticket::read().load(NestedLoad(nested)).run(&d).unwrap_err();
    assert!(err.to_string().contains("`status_subject` of Ticket is not a relationship"), "{err}");
}

/// A load built by hand.
struct NestedLoad(resource::Load);

impl resource::IntoLoad<Ticket> for NestedLoad {
    fn into_load(self) -> resource::Load {
        self.0
    }
}
