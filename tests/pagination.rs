//! Pagination (Ash's `pagination` on read actions): offset pages and keyset
//! pages, forwards and backwards, counts, limits and cursors, on every data
//! layer, with sorts that have duplicate values, nils and mixed directions.

use std::cmp::Reverse;

use resource::dsl::resource;
use resource::prelude::*;
use resource::{FieldErrorKind, Query};

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub Ticket {
        attributes {
            integer_primary_key id;
            attribute subject: String { allow_nil: false, public: true }
            attribute priority: Option<i64> { public: true }
            attribute status: String { allow_nil: false, public: true }
            attribute seq: i64 { allow_nil: false, public: true }
        }
        calculations {
            calculate label: String = expr(subject <> "!");
        }
        actions {
            default_accept [subject, priority, status, seq];
            defaults [create, read];
            read list {
                pagination { offset: true, keyset: true, default_limit: 7, max_page_size: 10, countable: true }
            }
            read open_list {
                filter: expr(status == "open");
                pagination { keyset: true }
            }
            read offset_only {
                pagination { offset: true, default_limit: 5 }
            }
        }
    }
}

/// The attribute surface: `pagination(..)` with bare flags.
#[resource]
#[actions(default_accept(name), defaults(create, read))]
#[action(read, paged, pagination(offset, keyset, default_limit = 2, countable))]
pub struct Tag {
    #[attribute(integer_primary_key)]
    pub id: i64,
    #[attribute(public)]
    pub name: String,
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Ticket>().register::<Tag>())
}

on_every_layer!(domain;
    keyset_pages_forwards_and_backwards_visit_every_record_once,
    offset_pages_and_counts,
    limits_default_and_are_capped,
    tampered_cursors_are_field_errors,
    what_an_action_does_not_allow_is_refused,
    the_action_filter_and_loads_still_apply,
    the_attribute_surface_paginates_too,
);

/// 25 tickets: priorities 0..2 with duplicates and a nil every fifth,
/// four subjects, half of them open, `seq` unique and decreasing.
fn seed(d: &Domain) -> Vec<Ticket> {
    (1..=25i64)
        .map(|i| {
            let priority = if i % 5 == 0 { None } else { Some(i % 3) };
            Ticket::create()
                .subject(format!("s{}", i % 4))
                .priority_opt(priority)
                .status(if i % 2 == 0 { "open" } else { "closed" })
                .seq(100 - i)
                .run(d)
                .unwrap()
        })
        .collect()
}

fn ids(tickets: &[Ticket]) -> Vec<i64> {
    tickets.iter().map(|t| t.id).collect()
}

/// Reads every page forwards (pages of 10) and then backwards from the last
/// record, and checks both give `expected` exactly.
fn page_through(d: &Domain, query: impl Fn() -> Query<Ticket>, expected: &[i64]) {
    let mut forwards = Vec::new();
    let mut request = PageRequest::first(10);
    let mut sizes = Vec::new();
    loop {
        let page = query().page(d, request).unwrap();
        sizes.push(page.results.len());
        assert_eq!(page.with_cursors().count(), page.results.len(), "a cursor per record");
        forwards.extend(ids(&page.results));
        if !page.more {
            break;
        }
        request = PageRequest::keyset_after(page.last_cursor().unwrap(), 10);
    }
    assert_eq!(forwards, expected, "forwards");
    assert_eq!(sizes, [10, 10, 5]);

    // Backwards: from the last record, the pages before it.
    let last = query().page(d, PageRequest::offset(1, expected.len() - 1)).unwrap();
    assert!(!last.more);
    let mut backwards = ids(&last.results);
    let mut cursor = last.first_cursor().unwrap().to_string();
    let mut sizes = Vec::new();
    loop {
        let page = query().page(d, PageRequest::keyset_before(cursor, 10)).unwrap();
        sizes.push(page.results.len());
        backwards.splice(0..0, ids(&page.results));
        if !page.more {
            break;
        }
        cursor = page.first_cursor().unwrap().to_string();
    }
    assert_eq!(backwards, expected, "backwards");
    assert_eq!(sizes, [10, 10, 4]);
}

fn keyset_pages_forwards_and_backwards_visit_every_record_once(d: &Domain) {
    let all = seed(d);
    let expect = |key: &dyn Fn(&Ticket, &Ticket) -> std::cmp::Ordering| {
        let mut sorted = all.clone();
        sorted.sort_by(key);
        ids(&sorted)
    };

    // By the primary key alone (SQLite: a row-value comparison).
    page_through(d, Ticket::list, &expect(&|a, b| a.id.cmp(&b.id)));
    // A unique key, descending.
    page_through(d, || Ticket::list().sort(ticket::seq.desc()), &expect(&|a, b| b.seq.cmp(&a.seq)));
    // Duplicates and nils: `desc` puts nils first; ties by id.
    let desc = expect(&|a, b| (a.priority.map(Reverse), a.id).cmp(&(b.priority.map(Reverse), b.id)));
    assert_eq!(ids(&Ticket::read().sort(ticket::priority.desc()).sort(ticket::id.asc()).run(d).unwrap()), desc);
    page_through(d, || Ticket::list().sort(ticket::priority.desc()), &desc);
    // `asc` puts nils last; mixed directions; two keys with duplicates.
    page_through(
        d,
        || Ticket::list().sort(ticket::priority.asc()).sort(ticket::subject.desc()),
        &expect(&|a, b| {
            let key = |t: &Ticket| (t.priority.is_none(), t.priority, Reverse(t.subject.clone()), t.id);
            key(a).cmp(&key(b))
        }),
    );
    // Nils first while ascending, then a descending primary key.
    page_through(
        d,
        || Ticket::list().sort(ticket::priority.asc_nils_first()).sort(ticket::id.desc()),
        &expect(&|a, b| (a.priority, Reverse(a.id)).cmp(&(b.priority, Reverse(b.id)))),
    );
}

fn offset_pages_and_counts(d: &Domain) {
    let all = seed(d);
    let query = || Ticket::list().sort(ticket::seq.asc());
    let mut expected = all.clone();
    expected.sort_by_key(|t| t.seq);
    let mut read = Vec::new();
    for (n, more) in [(0, true), (1, true), (2, false)] {
        let page = query().page(d, PageRequest::offset(10, n * 10)).unwrap();
        assert_eq!((page.offset, page.more, page.limit, page.count), (Some(n * 10), more, 10, None));
        read.extend(page.results);
    }
    assert_eq!(read, expected);
    let beyond = query().page(d, PageRequest::offset(10, 30)).unwrap();
    assert!(beyond.results.is_empty() && !beyond.more);

    // The count is of every record the query finds, whatever the page.
    let counted = query().page(d, PageRequest::first(3).with_count()).unwrap();
    assert_eq!((counted.results.len(), counted.count), (3, Some(25)));
    let after = query().page(d, PageRequest::keyset_after(counted.last_cursor().unwrap(), 3).with_count()).unwrap();
    assert_eq!(after.count, Some(25));
    assert_eq!(after.results[0], expected[3]);
    let open = query().filter(expr!(status == "open")).page(d, PageRequest::offset(2, 4).with_count()).unwrap();
    assert_eq!(open.count, Some(12));
    let err = Ticket::open_list().page(d, PageRequest::first(3).with_count()).unwrap_err();
    assert_eq!(err.message_for("count"), Some("read action `open_list` of Ticket is not `countable`"));
}

fn limits_default_and_are_capped(d: &Domain) {
    seed(d);
    let page = Ticket::list().page(d, PageRequest::default()).unwrap();
    assert_eq!((page.results.len(), page.limit, page.more), (7, 7, true), "default_limit");
    let page = Ticket::list().page(d, PageRequest::first(100)).unwrap();
    assert_eq!((page.results.len(), page.limit), (10, 10), "cut to max_page_size");
    let page = Ticket::offset_only().page(d, PageRequest::offset(99, 3).with_default_limit()).unwrap();
    assert_eq!((page.results.len(), page.offset), (5, Some(3)));
    // The query's own limit and offset give way to the page's.
    let page = Ticket::list().limit(1).offset(20).page(d, PageRequest::first(4)).unwrap();
    assert_eq!(page.results[0].id, 1);
    assert_eq!(page.results.len(), 4);

    let err = Ticket::list().page(d, PageRequest::first(0)).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: limit: must be greater than 0");
    let err = Ticket::open_list().page(d, PageRequest::default()).unwrap_err();
    assert_eq!(err.message_for("limit"), Some("is required: the action has no `default_limit`"));
}

fn tampered_cursors_are_field_errors(d: &Domain) {
    seed(d);
    let page = Ticket::list().sort(ticket::priority.desc()).page(d, PageRequest::first(3)).unwrap();
    let cursor = page.last_cursor().unwrap().to_string();
    assert!(cursor.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'), "URL-safe: {cursor}");
    let after =
        |cursor: &str| Ticket::list().sort(ticket::priority.desc()).page(d, PageRequest::keyset_after(cursor, 3));

    let mut flipped = cursor.clone().into_bytes();
    flipped[4] = if flipped[4] == b'A' { b'B' } else { b'A' };
    let truncated = &cursor[..cursor.len() - 2];
    for bad in [String::from_utf8(flipped).unwrap(), truncated.to_string(), "!!".into(), String::new(), "e30".into()] {
        let err = after(&bad).unwrap_err();
        assert_eq!(err.to_string(), "invalid input: after: is not a valid cursor", "{bad:?}");
        assert_eq!(err.field_errors()[0].kind, FieldErrorKind::InvalidType);
    }
    let err = Ticket::list().page(d, PageRequest::keyset_before("nope", 3)).unwrap_err();
    assert_eq!(err.message_for("before"), Some("is not a valid cursor"));
    // A cursor of another sort (two keys where this query has one).
    let err = Ticket::list().page(d, PageRequest::keyset_after(&cursor, 3)).unwrap_err();
    assert_eq!(err.message_for("after"), Some("was made for another sort: read the first page again"));
    // The cursor itself is fine.
    assert_eq!(after(&cursor).unwrap().results.len(), 3);
}

fn what_an_action_does_not_allow_is_refused(d: &Domain) {
    seed(d);
    let err = Ticket::read().page(d, PageRequest::first(3)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "data layer error: read action `read` of Ticket is not paginated: give it `pagination { offset: true }` \
         or `pagination { keyset: true }` to read it by pages"
    );
    let first = Ticket::list().page(d, PageRequest::first(3)).unwrap();
    let err = Ticket::offset_only().page(d, PageRequest::keyset_after(first.last_cursor().unwrap(), 3)).unwrap_err();
    assert_eq!(err.message_for("after"), Some("read action `offset_only` of Ticket pages by offset only"));
    let err = Ticket::open_list().page(d, PageRequest::offset(3, 3)).unwrap_err();
    assert_eq!(err.message_for("offset"), Some("read action `open_list` of Ticket pages by keyset only"));
    // Offset-only actions give no cursors.
    let page = Ticket::offset_only().page(d, PageRequest::first(3)).unwrap();
    assert_eq!(page.cursor_of(0), None);
}

fn the_action_filter_and_loads_still_apply(d: &Domain) {
    let all = seed(d);
    let mut open: Vec<&Ticket> = all.iter().filter(|t| t.status == "open").collect();
    open.sort_by_key(|t| (t.subject.clone(), t.id));
    let query = || Ticket::open_list().sort(ticket::subject.asc()).load(ticket::label);
    let first = query().page(d, PageRequest::first(5)).unwrap();
    let second = query().page(d, PageRequest::keyset_after(first.last_cursor().unwrap(), 10)).unwrap();
    assert!(!second.more);
    let read: Vec<i64> = first.results.iter().chain(&second.results).map(|t| t.id).collect();
    assert_eq!(read, open.iter().map(|t| t.id).collect::<Vec<_>>());
    assert_eq!(second.results[0].label, Loaded::Loaded(format!("{}!", second.results[0].subject)));

    // A sort by a calculation pages by offset; it has no keyset cursors.
    let by_label = Ticket::list().sort(ticket::label.desc()).page(d, PageRequest::first(3)).unwrap();
    assert_eq!(by_label.results[0].subject, "s3");
    assert_eq!(by_label.cursor_of(0), None);
    let err = Ticket::list().sort(ticket::label.desc()).page(d, PageRequest::keyset_after("x", 3)).unwrap_err();
    assert!(err.to_string().contains("keyset pagination of Ticket sorts by attributes only"), "{err}");
}

fn the_attribute_surface_paginates_too(d: &Domain) {
    for name in ["a", "b", "c"] {
        Tag::create().name(name).run(d).unwrap();
    }
    let page = Tag::paged().sort(tag::name.desc()).page(d, PageRequest::default().with_count()).unwrap();
    let names: Vec<&str> = page.results.iter().map(|t| t.name.as_str()).collect();
    assert_eq!((names, page.more, page.count), (vec!["c", "b"], true, Some(3)));
    let rest = Tag::paged().sort(tag::name.desc()).page(d, PageRequest::keyset_after(page.last_cursor().unwrap(), 2));
    assert_eq!(rest.unwrap().results.into_iter().map(|t| t.name).collect::<Vec<_>>(), ["a"]);
}
