//! Relationships: loading (`belongs_to`, `has_many`, `has_one`,
//! `many_to_many`, nested, with a query), without N+1 reads, and filters
//! across relationships, on ETS and SQLite alike.

mod helpdesk_common;

use helpdesk_common::{Comment, Counter, Representative, Status, Tag, Ticket, representative, seed, tag, ticket};
use resource::expr;
use resource::prelude::*;

on_both!(
    belongs_to_and_has_many_load,
    many_to_many_and_has_one_load,
    nested_loads_and_queries,
    no_n_plus_one,
    filters_across_relationships,
    belongs_to_defines_its_key,
    accessors_read_loaded_relationships,
    loaded_relationships_serialize_and_read_back
);

fn subjects(tickets: &[Ticket]) -> Vec<&str> {
    tickets.iter().map(|t| t.subject.as_str()).collect()
}

fn belongs_to_and_has_many_load(d: &Domain, _: &Counter) {
    let (joe, ann) = seed(d);
    let tickets = Ticket::read().load(ticket::representative).sort(ticket::subject.asc()).run(d).unwrap();
    assert_eq!(tickets.len(), 7);
    let first = tickets[0].representative().unwrap().unwrap();
    assert_eq!((first.id, first.name.as_str()), (joe.id, "Joe Armstrong"));
    assert!(first.tickets.is_not_loaded(), "only what was asked for");
    assert_eq!(tickets[6].representative().unwrap(), None, "Unassigned has no representative");

    let reps = Representative::read().load(representative::tickets).sort(representative::name.asc()).run(d).unwrap();
    assert_eq!(reps[0].id, ann.id);
    assert!(reps[0].tickets().unwrap().is_empty());
    let mut joes = reps[1].tickets.unwrap().clone();
    joes.sort_by(|a, b| a.subject.cmp(&b.subject));
    assert_eq!(subjects(&joes), ["Issue 0", "Issue 1", "Issue 2", "Issue 3", "Issue 4", "Issue 5"]);
    assert!(joes.iter().all(|t| t.representative_id == Some(joe.id)));
}

fn many_to_many_and_has_one_load(d: &Domain, _: &Counter) {
    seed(d);
    let tickets = Ticket::read()
        .filter(expr!(subject in ["Issue 1", "Issue 2", "Issue 3"]))
        .load(ticket::tags.query(Tag::read().sort(tag::name.asc())))
        .load(ticket::first_comment)
        .load(ticket::comments)
        .sort(ticket::subject.asc())
        .run(d)
        .unwrap();
    let names = |t: &Ticket| t.tags.unwrap().iter().map(|tag| tag.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&tickets[0]), ["bug", "ui"]);
    assert_eq!(names(&tickets[1]), ["bug"]);
    assert!(names(&tickets[2]).is_empty());
    assert_eq!(tickets[0].comments.unwrap().len(), 2);
    assert_eq!(tickets[0].first_comment.unwrap().as_ref().map(|c| c.body.as_str()), Some("first"));
    assert_eq!(tickets[1].first_comment().unwrap(), None);

    // The other way round, through the same join resource.
    let bug = Tag::read().filter(expr!(name == "bug")).load(tag::tickets).first(d).unwrap().unwrap();
    let mut tagged = bug.tickets.unwrap().clone();
    tagged.sort_by(|a, b| a.subject.cmp(&b.subject));
    assert_eq!(subjects(&tagged), ["Issue 1", "Issue 2"]);
}

fn nested_loads_and_queries(d: &Domain, _: &Counter) {
    seed(d);
    // A dotted path: each ticket's representative, with their tickets.
    let ticket = Ticket::read().filter(expr!(subject == "Issue 3")).load("representative.tickets").first(d).unwrap();
    let rep = ticket.unwrap().representative.into_option().and_then(|r| r.into_inner()).unwrap();
    assert_eq!(rep.tickets.unwrap().len(), 6);

    // A query per representative: open tickets, by subject, the first two,
    // each with its status subject and tags.
    let reps = Representative::read()
        .load(
            representative::tickets.query(
                Ticket::read()
                    .filter(expr!(status == "open"))
                    .sort(ticket::subject.desc())
                    .limit(2)
                    .load(ticket::status_subject)
                    .load(ticket::tags),
            ),
        )
        .sort(representative::name.asc())
        .run(d)
        .unwrap();
    let joes = reps[1].tickets.unwrap();
    assert_eq!(subjects(joes), ["Issue 5", "Issue 3"]);
    assert_eq!(joes[0].status_subject.unwrap(), "open: Issue 5");
    assert!(joes.iter().all(|t| t.status == Status::Open && t.tags.is_loaded()));
    assert!(reps[0].tickets().unwrap().is_empty());

    // Typed nesting: a relationship handle with loads of its own.
    let tickets = Ticket::read()
        .filter(expr!(subject == "Issue 1"))
        .load(ticket::representative.load(representative::open_tickets))
        .run(d)
        .unwrap();
    let rep = tickets[0].representative().unwrap().unwrap();
    assert_eq!(rep.open_tickets, Loaded::Loaded(3));
}

/// One read per relationship level, however many records: the reads do not grow with them.
fn no_n_plus_one(d: &Domain, counter: &Counter) {
    seed(d);
    for i in 0..20 {
        let rep = Representative::create().name(format!("Rep {i}")).run(d).unwrap();
        Ticket::create().subject(format!("More {i}")).representative_id(rep.id).run(d).unwrap();
    }
    let before = counter.count();
    let reps =
        Representative::read().load(representative::tickets.load(ticket::tags).load(ticket::comments)).run(d).unwrap();
    let reads = counter.count() - before;
    assert_eq!(reps.len(), 22);
    assert!(reps.iter().all(|r| r.tickets.unwrap().iter().all(|t| t.tags.is_loaded() && t.comments.is_loaded())));
    // Representatives, their tickets, the tickets' tags (join rows, then tags), their comments.
    assert_eq!(reads, 5, "one read per relationship level");

    let before = counter.count();
    let tickets = Ticket::read().load(ticket::representative).run(d).unwrap();
    assert_eq!(tickets.len(), 27);
    assert_eq!(counter.count() - before, 2, "tickets, then their representatives in one read");
}

fn filters_across_relationships(d: &Domain, _: &Counter) {
    seed(d);
    let joes = Ticket::read().filter(expr!(representative.name == "Joe Armstrong" && status == "open")).run(d).unwrap();
    assert_eq!(joes.len(), 3);
    // No representative: the path is nil, so a comparison is not true, `is_nil` is.
    let unassigned = Ticket::read().filter(expr!(is_nil(representative.name))).run(d).unwrap();
    assert_eq!(subjects(&unassigned), ["Unassigned"]);
    let not_joe = Ticket::read().filter(expr!(!(representative.name == "Joe Armstrong"))).run(d).unwrap();
    assert!(not_joe.is_empty(), "nil is not false: {:?}", subjects(&not_joe));

    let tagged = Ticket::read().filter(expr!(exists(tags, name == "bug"))).sort(ticket::subject.asc()).run(d).unwrap();
    assert_eq!(subjects(&tagged), ["Issue 1", "Issue 2"]);
    let untagged = Ticket::read().filter(expr!(!exists(tags))).run(d).unwrap();
    assert_eq!(untagged.len(), 5);
    let commented = Representative::read().filter(expr!(exists(tickets.comments, body == "second"))).run(d).unwrap();
    assert_eq!(commented.len(), 1);
    // Two steps: a comment's ticket's representative.
    let joes_comments = Comment::read().filter(expr!(ticket.representative.name == "Joe Armstrong")).run(d).unwrap();
    assert_eq!(joes_comments.len(), 2);
    // A sort through a calculation on the other side is fine too.
    let sorted = Ticket::read().sort(ticket::representative_name.asc_nils_first()).first(d).unwrap().unwrap();
    assert_eq!(sorted.subject, "Unassigned");
}

fn belongs_to_defines_its_key(d: &Domain, _: &Counter) {
    let info = <Ticket as Resource>::info();
    let key = info.attribute("representative_id").expect("belongs_to defines representative_id");
    assert!(key.allow_nil && key.writable && !key.public);
    assert_eq!(key.ty, resource::info::Type::Uuid);
    let comment_key = <Comment as Resource>::info().attribute("ticket_id").unwrap();
    assert_eq!(comment_key.ty, resource::info::Type::Uuid, "the destination's key type");
    let rel = info.relationship("representative").unwrap();
    assert_eq!((rel.source_attribute, rel.destination_attribute), ("representative_id", "id"));
    let has_many = <Representative as Resource>::info().relationship("tickets").unwrap();
    assert_eq!((has_many.source_attribute, has_many.destination_attribute), ("id", "representative_id"));
    let join = info.relationship("tags").unwrap().through.unwrap();
    assert_eq!((join.source_attribute, join.destination_attribute), ("ticket_id", "tag_id"));
    // A nil key is allowed; a join row's is not (allow_nil = false).
    Ticket::create().subject("nobody's").run(d).unwrap();
    let err = TicketTagMissing::run(d);
    assert!(err.contains("ticket_id"), "{err}");
}

/// A join row without its keys.
struct TicketTagMissing;

impl TicketTagMissing {
    fn run(d: &Domain) -> String {
        helpdesk_common::TicketTag::create().run(d).unwrap_err().to_string()
    }
}

mod polymorphic {
    //! Seed 004's polymorphic reactions: one resource, a table per relationship
    //! (its context table) or per query.

    use resource::dsl::resource;
    use resource::expr;
    use resource::prelude::*;

    resource! {
        pub Reaction {
            attributes {
                uuid_primary_key id;
                attribute resource_id: Uuid { public: true }
                attribute emoji: String { public: true }
            }
            actions { default_accept [resource_id, emoji]; defaults [create, read, destroy]; }
            sqlite { polymorphic: true; }
        }
    }

    resource! {
        pub Post {
            attributes { uuid_primary_key id; attribute title: String { public: true } }
            relationships {
                has_many reactions: Reaction { destination_attribute: resource_id, context: { table: "post_reactions" } }
            }
            aggregates { count reaction_count: reactions; }
            actions { default_accept [title]; defaults [create, read]; }
            sqlite { table: "posts"; }
        }
    }

    resource! {
        pub Note {
            attributes { uuid_primary_key id; attribute body: String { public: true } }
            relationships {
                has_many reactions: Reaction { destination_attribute: resource_id, context: { table: "note_reactions" } }
            }
            actions { default_accept [body]; defaults [create, read]; }
            sqlite { table: "notes"; }
        }
    }

    fn domain(sqlite: bool) -> Domain {
        let builder = Domain::new();
        let builder = if sqlite {
            builder.with_data_layer(std::sync::Arc::new(Sqlite::memory().unwrap()))
        } else {
            builder.with_data_layer(Ets::new())
        };
        builder.register::<Reaction>().register::<Post>().register::<Note>().build().unwrap()
    }

    fn tables_per_relationship_and_query(d: &Domain) {
        let post = Post::create().title("Hello").run(d).unwrap();
        // Before any reaction exists (on SQLite, before its tables do).
        let counted = Post::read().filter(expr!(!exists(reactions))).load(post::reaction_count).run(d).unwrap();
        assert_eq!(counted[0].reaction_count, Loaded::Loaded(0));
        let note = Note::create().body("Same id space").run(d).unwrap();
        for emoji in ["👍", "🎉"] {
            Reaction::create().table("post_reactions").resource_id(post.id).emoji(emoji).run(d).unwrap();
        }
        Reaction::create().table("note_reactions").resource_id(note.id).emoji("👀").run(d).unwrap();
        // A reaction in the posts' table pointing at the note is not the note's.
        Reaction::create().table("post_reactions").resource_id(note.id).emoji("❌").run(d).unwrap();

        let posts = Post::read().load(post::reactions).load(post::reaction_count).run(d).unwrap();
        let mut emojis: Vec<String> = posts[0].reactions.unwrap().iter().map(|r| r.emoji.clone()).collect();
        emojis.sort();
        assert_eq!(emojis, ["🎉", "👍"]);
        assert_eq!(posts[0].reaction_count, Loaded::Loaded(2));
        let notes = Note::read().load(note::reactions).run(d).unwrap();
        let emojis: Vec<&str> = notes[0].reactions.unwrap().iter().map(|r| r.emoji.as_str()).collect();
        assert_eq!(emojis, ["👀"]);

        let in_notes = Reaction::read().table("note_reactions").run(d).unwrap();
        assert_eq!(in_notes.len(), 1);
        assert_eq!(Reaction::read().table("post_reactions").run(d).unwrap().len(), 3);
        let err = Reaction::read().run(d).unwrap_err();
        assert!(err.to_string().contains("Reaction is polymorphic"), "{err}");
        let celebrated = Post::read().filter(expr!(exists(reactions, emoji == "🎉"))).run(d).unwrap();
        assert_eq!(celebrated.len(), 1);
        // A table is chosen per write too.
        in_notes[0].destroy().table("note_reactions").run(d).unwrap();
        assert!(Reaction::read().table("note_reactions").run(d).unwrap().is_empty());
        // Only a polymorphic resource has tables to choose from.
        assert!(Post::read().table("elsewhere").run(d).is_err());
    }

    #[test]
    fn ets() {
        tables_per_relationship_and_query(&domain(false));
    }

    #[test]
    fn sqlite() {
        tables_per_relationship_and_query(&domain(true));
    }
}

/// `ticket.representative()?` / `rep.tickets()?`: one call, and a clear
/// error naming the `.load(..)` when the read did not load it.
fn accessors_read_loaded_relationships(d: &Domain, _: &Counter) {
    let (joe, _) = seed(d);
    let tickets = Ticket::read().load(ticket::representative).sort(ticket::subject.asc()).run(d).unwrap();
    assert_eq!(tickets[0].representative().unwrap().map(|rep| rep.id), Some(joe.id));
    assert_eq!(tickets[6].representative().unwrap().map(|rep| rep.id), None, "unassigned");
    let err = tickets[0].comments().unwrap_err();
    assert_eq!(err.to_string(), "Ticket.comments was not loaded: add `.load(ticket::comments)` to the read");
    let reps = Representative::read().load(representative::tickets).run(d).unwrap();
    let joes = reps.iter().find(|rep| rep.id == joe.id).unwrap();
    assert_eq!(joes.tickets().unwrap().len(), 6);
}

/// A record with loaded relationships is written as JSON with the related
/// records nested, and reads back equal (`Related` keeps their serde).
fn loaded_relationships_serialize_and_read_back(d: &Domain, _: &Counter) {
    seed(d);
    let ticket = Ticket::read()
        .filter(expr!(subject == "Issue 1"))
        .load(ticket::representative)
        .load(ticket::tags)
        .one(d)
        .unwrap();
    let json = serde_json::to_value(&ticket).unwrap();
    assert_eq!(json["representative"]["name"], "Joe Armstrong");
    assert_eq!(json["tags"].as_array().map(Vec::len), Some(ticket.tags().unwrap().len()));
    assert!(json.get("comments").is_none(), "not loaded, not written");
    let back: Ticket = serde_json::from_value(json).unwrap();
    assert_eq!(back, ticket);
    assert_eq!(back.representative().unwrap().map(|r| r.id), ticket.representative().unwrap().map(|r| r.id));

    let unassigned = Ticket::read().filter(expr!(subject == "Unassigned")).load(ticket::representative).one(d);
    let unassigned = unassigned.unwrap();
    let json = serde_json::to_value(&unassigned).unwrap();
    assert!(json["representative"].is_null(), "loaded, and none: null");
    let back: Ticket = serde_json::from_value(json).unwrap();
    assert_eq!(back.representative().unwrap(), None);
    assert!(back.representative.is_loaded());

    let mut without_key = serde_json::to_value(&ticket).unwrap();
    without_key.as_object_mut().unwrap().remove("representative_id");
    let back: Ticket = serde_json::from_value(without_key).unwrap();
    assert_eq!(back.representative_id, None, "a missing optional attribute reads as None");
    let mut without_subject = serde_json::to_value(&ticket).unwrap();
    without_subject.as_object_mut().unwrap().remove("subject");
    let error = serde_json::from_value::<Ticket>(without_subject).unwrap_err().to_string();
    assert!(error.contains("missing field `subject`"), "{error}");

    let wrong = serde_json::json!({"representative": {"name": 5}});
    let mut bad = serde_json::to_value(&ticket).unwrap();
    bad["representative"] = wrong["representative"].clone();
    let error = serde_json::from_value::<Ticket>(bad).unwrap_err().to_string();
    assert!(error.contains("invalid type"), "a related record that does not fit is refused: {error}");
}
