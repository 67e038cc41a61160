//! The helpdesk of seed 004 with everything loadable: representatives and
//! their tickets (block form), tickets with a representative, tags through
//! a join resource and comments (attribute form), calculations and
//! aggregates. Shared by `calculations.rs`, `relationships.rs` and
//! `aggregates.rs`, which run each scenario on ETS and on SQLite.

#![allow(dead_code)]

use std::sync::Arc;

use resource::dsl::resource;
use resource::prelude::*;
use resource::{DataLayer, Ets};

/// A ticket is open until someone closes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, resource::Atom)]
pub enum Status {
    Open,
    Closed,
}

resource! {
    /// Someone who answers tickets.
    pub Representative {
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
        }
        relationships {
            /// Every ticket assigned to them.
            has_many tickets: Ticket;
        }
        calculations {
            /// Runs in SQL only: a fragment.
            calculate lower_name: String = expr(fragment("LOWER(?)", name));
            calculate shout: String = expr(upper(name) <> "!") { public: true }
        }
        aggregates {
            count ticket_count: tickets;
            count open_tickets: tickets { filter: expr(status == "open") }
            exists has_tickets: tickets;
            exists has_urgent: tickets { filter: expr(priority >= 3) }
            sum total_priority: tickets.priority;
            sum total_priority_or_zero: tickets.priority { default: 0 }
            min lowest_priority: tickets.priority;
            max highest_priority: tickets.priority;
            avg mean_priority: tickets.priority;
            first first_subject: tickets.subject { sort: [subject] }
            first most_urgent: tickets.subject { sort: [priority: desc, subject] }
            list subjects: tickets.subject { sort: [subject] }
            list priorities: tickets.priority { sort: [priority], uniq: true }
            count tagged_tickets: tickets { filter: expr(exists(tags, name == "bug")) }
            sum comments_on_tickets: tickets.comment_count;
        }
        actions {
            default_accept [name];
            defaults [create, read, update, destroy];
        }
        sqlite { table: "representatives"; }
    }
}

/// A customer's problem.
#[resource(table = "tickets")]
#[belongs_to(representative: Representative)]
#[many_to_many(tags: Tag, through = TicketTag, source_attribute_on_join_resource = ticket_id)]
#[has_many(comments: Comment)]
#[has_one(first_comment: Comment)]
#[calculate(status_subject: String = expr(status <> ": " <> subject), public)]
#[calculate(representative_name: Option<String> = expr(representative.name))]
#[calculate(urgent: bool = expr(priority >= 3))]
#[aggregate(count comment_count: comments)]
#[actions(defaults(create, read, update, destroy), default_accept(subject, status, priority, representative_id))]
pub struct Ticket {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(public)]
    pub subject: String,
    #[attribute(public, default = Status::Open)]
    pub status: Status,
    #[attribute(public, default = 1)]
    pub priority: i64,
}

resource! {
    pub Tag {
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
        }
        relationships {
            many_to_many tickets: Ticket {
                through: TicketTag,
                source_attribute_on_join_resource: tag_id,
                destination_attribute_on_join_resource: ticket_id,
            }
        }
        actions { default_accept [name]; defaults [create, read, destroy]; }
        sqlite { table: "tags"; }
    }
}

/// The join resource of tickets and tags.
#[resource(table = "ticket_tags")]
#[belongs_to(ticket: Ticket, allow_nil = false)]
#[belongs_to(tag: Tag, allow_nil = false)]
#[actions(defaults(create, read, destroy), default_accept(ticket_id, tag_id))]
pub struct TicketTag {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

/// Integer keys, to check that `belongs_to` takes the destination's key type.
#[resource(table = "comments")]
#[belongs_to(ticket: Ticket)]
#[actions(defaults(create, read, destroy), default_accept(body, ticket_id))]
pub struct Comment {
    #[attribute(integer_primary_key)]
    pub id: i64,
    #[attribute(public)]
    pub body: String,
}

/// Which layer a scenario runs on, and a way to count what it reads.
pub enum Counter {
    Ets(Arc<Ets>),
    Sqlite(Sqlite),
}

impl Counter {
    /// Reads (ETS) or statements (SQLite) so far.
    pub fn count(&self) -> u64 {
        match self {
            Counter::Ets(ets) => ets.reads_run(),
            Counter::Sqlite(db) => db.statements_run(),
        }
    }

    pub fn is_sqlite(&self) -> bool {
        matches!(self, Counter::Sqlite(_))
    }
}

/// A domain with the helpdesk on `layer`, and its counter.
pub fn helpdesk(sqlite: bool) -> (Domain, Counter) {
    let (layer, counter): (Arc<dyn DataLayer>, Counter) = if sqlite {
        let db = Sqlite::memory().expect("an in-memory database");
        (Arc::new(db.clone()), Counter::Sqlite(db))
    } else {
        let ets = Arc::new(Ets::new());
        (ets.clone(), Counter::Ets(ets))
    };
    let domain = Domain::new()
        .with_data_layer(layer)
        .register::<Representative>()
        .register::<Ticket>()
        .register::<Tag>()
        .register::<TicketTag>()
        .register::<Comment>()
        .build()
        .expect("the helpdesk builds");
    (domain, counter)
}

/// Joe with six tickets (as in the tutorial: even ones closed), Ann with
/// none; "Issue 1" tagged `bug` and `ui`, "Issue 2" tagged `bug`; two
/// comments on "Issue 1".
pub fn seed(d: &Domain) -> (Representative, Representative) {
    let joe = Representative::create().name("Joe Armstrong").run(d).unwrap();
    let ann = Representative::create().name("Ann").run(d).unwrap();
    let bug = Tag::create().name("bug").run(d).unwrap();
    let ui = Tag::create().name("ui").run(d).unwrap();
    for i in 0..=5 {
        let ticket =
            Ticket::create().subject(format!("Issue {i}")).priority(i % 4).representative_id(joe.id).run(d).unwrap();
        if i % 2 == 0 {
            ticket.update().status(Status::Closed).run(d).unwrap();
        }
        if i == 1 {
            TicketTag::create().ticket_id(ticket.id).tag_id(bug.id).run(d).unwrap();
            TicketTag::create().ticket_id(ticket.id).tag_id(ui.id).run(d).unwrap();
            Comment::create().body("first").ticket_id(ticket.id).run(d).unwrap();
            Comment::create().body("second").ticket_id(ticket.id).run(d).unwrap();
        }
        if i == 2 {
            TicketTag::create().ticket_id(ticket.id).tag_id(bug.id).run(d).unwrap();
        }
    }
    Ticket::create().subject("Unassigned").priority(3).run(d).unwrap();
    (joe, ann)
}

/// `on_both!(a, b)`: for each scenario `fn a(d: &Domain, counter: &Counter)`,
/// a module `a` with a test on ETS and one on SQLite, seeded alike.
#[macro_export]
macro_rules! on_both {
    ($($scenario:ident),* $(,)?) => {$(
        mod $scenario {
            #[test]
            fn ets() {
                let (d, counter) = super::helpdesk_common::helpdesk(false);
                super::$scenario(&d, &counter);
            }

            #[test]
            fn sqlite() {
                let (d, counter) = super::helpdesk_common::helpdesk(true);
                super::$scenario(&d, &counter);
            }
        }
    )*};
}
