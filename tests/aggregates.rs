//! Aggregates (which AshSqlite lacks): count, exists, sum, min, max, avg,
//! first and list over relationships, loaded, filtered and sorted on, with
//! Ash's values for nothing to aggregate, on ETS and SQLite alike.

mod helpdesk_common;

use helpdesk_common::{Counter, Representative, Ticket, representative, seed, ticket};
use resource::expr;
use resource::prelude::*;

on_both!(every_kind_loads, nothing_to_aggregate, filter_and_sort_by_aggregates, aggregates_in_one_read);

fn all(d: &Domain) -> Vec<Representative> {
    Representative::read()
        .load(representative::ticket_count)
        .load(representative::open_tickets)
        .load(representative::has_tickets)
        .load(representative::has_urgent)
        .load(representative::total_priority)
        .load(representative::total_priority_or_zero)
        .load(representative::lowest_priority)
        .load(representative::highest_priority)
        .load(representative::mean_priority)
        .load(representative::first_subject)
        .load(representative::most_urgent)
        .load(representative::subjects)
        .load(representative::priorities)
        .load(representative::tagged_tickets)
        .load(representative::comments_on_tickets)
        .sort(representative::name.asc())
        .run(d)
        .unwrap()
}

fn every_kind_loads(d: &Domain, _: &Counter) {
    seed(d);
    let joe = all(d).remove(1);
    assert_eq!(joe.name, "Joe Armstrong");
    // Priorities of Issue 0..5: 0, 1, 2, 3, 0, 1; odd ones open.
    assert_eq!(joe.ticket_count, Loaded::Loaded(6));
    assert_eq!(joe.open_tickets, Loaded::Loaded(3));
    assert_eq!(joe.has_tickets, Loaded::Loaded(true));
    assert_eq!(joe.has_urgent, Loaded::Loaded(true));
    assert_eq!(joe.total_priority, Loaded::Loaded(Some(7)));
    assert_eq!(joe.total_priority_or_zero, Loaded::Loaded(7));
    assert_eq!(joe.lowest_priority, Loaded::Loaded(Some(0)));
    assert_eq!(joe.highest_priority, Loaded::Loaded(Some(3)));
    assert_eq!(joe.mean_priority, Loaded::Loaded(Some(7.0 / 6.0)));
    assert_eq!(joe.first_subject, Loaded::Loaded(Some("Issue 0".to_string())));
    assert_eq!(joe.most_urgent, Loaded::Loaded(Some("Issue 3".to_string())));
    let subjects: Vec<String> = (0..=5).map(|i| format!("Issue {i}")).collect();
    assert_eq!(joe.subjects, Loaded::Loaded(subjects));
    assert_eq!(joe.priorities, Loaded::Loaded(vec![0, 1, 2, 3]));
    assert_eq!(joe.tagged_tickets, Loaded::Loaded(2));
    // An aggregate of an aggregate: the tickets' comment counts, summed.
    assert_eq!(joe.comments_on_tickets, Loaded::Loaded(Some(2)));
}

/// Ash's values when there is nothing to aggregate: `count` 0, `exists`
/// false, `list` empty, the others nil unless a `default` is given.
fn nothing_to_aggregate(d: &Domain, _: &Counter) {
    seed(d);
    let ann = all(d).remove(0);
    assert_eq!(ann.name, "Ann");
    assert_eq!(ann.ticket_count, Loaded::Loaded(0));
    assert_eq!(ann.has_tickets, Loaded::Loaded(false));
    assert_eq!(ann.total_priority, Loaded::Loaded(None));
    assert_eq!(ann.total_priority_or_zero, Loaded::Loaded(0));
    assert_eq!(ann.lowest_priority, Loaded::Loaded(None));
    assert_eq!(ann.mean_priority, Loaded::Loaded(None));
    assert_eq!(ann.first_subject, Loaded::Loaded(None));
    assert_eq!(ann.subjects, Loaded::Loaded(vec![]));
}

fn filter_and_sort_by_aggregates(d: &Domain, _: &Counter) {
    seed(d);
    let busy = Representative::read().filter(expr!(open_tickets > 2)).run(d).unwrap();
    assert_eq!(busy.len(), 1);
    assert_eq!(busy[0].name, "Joe Armstrong");
    let idle = Representative::read().filter(expr!(!has_tickets)).run(d).unwrap();
    assert_eq!(idle[0].name, "Ann");
    let none = Representative::read().filter(expr!(total_priority_or_zero == 0)).run(d).unwrap();
    assert_eq!(none[0].name, "Ann");
    let by_count = Representative::read().sort(representative::ticket_count.desc()).run(d).unwrap();
    assert_eq!(by_count[0].name, "Joe Armstrong");
    // Nil sums sort last ascending, as Ash places nils.
    let by_sum = Representative::read().sort(representative::total_priority.asc()).run(d).unwrap();
    assert_eq!(by_sum[1].name, "Ann");
    // A ticket filtered by its representative's aggregate, through a path.
    let tickets = Ticket::read().filter(expr!(representative.open_tickets >= 3)).run(d).unwrap();
    assert_eq!(tickets.len(), 6);
    let commented = Ticket::read().filter(expr!(comment_count > 0)).load(ticket::comment_count).run(d).unwrap();
    assert_eq!(commented[0].comment_count, Loaded::Loaded(2));
}

/// Aggregates are computed in the read itself: loading many takes no more reads.
fn aggregates_in_one_read(d: &Domain, counter: &Counter) {
    seed(d);
    let before = counter.count();
    all(d);
    let reads = counter.count() - before;
    if counter.is_sqlite() {
        assert_eq!(reads, 1, "correlated subqueries in one SELECT");
    } else {
        // The representatives, then each relationship reached, once: tickets,
        // tags through ticket_tags, and the tickets' comments.
        assert_eq!(reads, 5);
    }
}
