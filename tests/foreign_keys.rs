//! Foreign keys, the same on every layer: a `belongs_to` whose destination
//! is stored beside it (same declared data layer and repo) is a reference.
//! A key that references nothing is `author_id: does not exist`; a destroy
//! that would leave referencing records (the default `on_delete: nothing`)
//! is `id: would leave records behind`; either leaves nothing written.
//! SQLite enforces them (`REFERENCES`), ETS through the write path; each
//! scenario runs on ETS, SQLite in memory and a SQLite file. The
//! `references` options are tested on hand-written descriptions in the
//! runtime (`write/foreign_key_tests.rs`).

use resource::dsl::resource;
use resource::prelude::*;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub Author {
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
        }
        relationships {
            has_many posts: Post;
        }
        actions {
            default_accept [name];
            defaults [create, read, update, destroy];
        }
        sqlite { table: "authors"; }
    }
}

resource! {
    pub Post {
        attributes {
            uuid_primary_key id;
            attribute title: String { allow_nil: false, public: true }
        }
        relationships {
            belongs_to author: Author;
            belongs_to editor: Author;
        }
        identities {
            identity unique_title [title];
        }
        actions {
            default_accept [title, author_id, editor_id];
            defaults [create, read, update, destroy];
            create import {
                accept [title, author_id];
                upsert: true;
                upsert_identity: unique_title;
                upsert_fields: [author_id];
            }
        }
        sqlite { table: "posts"; }
    }
}

resource! {
    pub Comment {
        attributes {
            uuid_primary_key id;
            attribute body: String { allow_nil: false, public: true }
        }
        relationships {
            belongs_to post: Post { allow_nil: false }
        }
        actions {
            default_accept [body, post_id];
            defaults [create, read, destroy];
        }
        sqlite { table: "comments"; }
    }
}

resource! {
    /// Declares another data layer than the authors: its `belongs_to` is no
    /// foreign key (the rule reads the declarations, whatever layer the
    /// domain gives), so its key may dangle.
    pub Bookmark {
        data_layer: Sqlite,
        attributes {
            uuid_primary_key id;
        }
        relationships {
            belongs_to author: Author;
        }
        actions {
            default_accept [author_id];
            defaults [create, read];
        }
        sqlite { table: "bookmarks"; }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| {
        builder.register::<Author>().register::<Post>().register::<Comment>().register::<Bookmark>()
    })
}

on_every_layer!(domain;
    a_key_referencing_nothing_is_a_field_error_on_the_key,
    a_nil_key_references_nothing_and_needs_nothing,
    an_update_to_a_dangling_key_is_refused,
    an_upsert_with_a_dangling_key_writes_nothing,
    a_bulk_create_with_a_dangling_key_keeps_nothing,
    destroying_a_referenced_record_would_leave_records_behind,
    a_failed_write_inside_a_transaction_leaves_the_rest,
    a_belongs_to_across_declared_layers_is_no_foreign_key,
);

const ANN: &str = "Ann";

fn nobody() -> Uuid {
    Uuid::new_v4()
}

fn author(d: &Domain) -> Author {
    Author::create().name(ANN).run(d).unwrap()
}

fn titles(d: &Domain) -> Vec<String> {
    let mut titles: Vec<String> = Post::read().run(d).unwrap().into_iter().map(|p| p.title).collect();
    titles.sort();
    titles
}

fn a_key_referencing_nothing_is_a_field_error_on_the_key(d: &Domain) {
    let err = Post::create().title("Orphan").author_id(nobody()).run(d).unwrap_err();
    assert_eq!(err.to_string(), "Invalid Error\n\n* author_id: does not exist");
    assert_eq!(err.message_for("author_id"), Some("does not exist"));
    assert!(titles(d).is_empty(), "nothing written");

    // Each key is checked: both dangling keys are reported, in order.
    let err = Post::create().title("Orphan").author_id(nobody()).editor_id(nobody()).run(d).unwrap_err();
    assert_eq!(err.to_string(), "Invalid Error\n\n* author_id: does not exist\n* editor_id: does not exist");

    let ann = author(d);
    let post = Post::create().title("Hello").author_id(ann.id).editor_id(ann.id).run(d).unwrap();
    assert_eq!(post.author_id, Some(ann.id));
    let err = Comment::create().body("Hi").post_id(nobody()).run(d).unwrap_err();
    assert_eq!(err.to_string(), "Invalid Error\n\n* post_id: does not exist");
    Comment::create().body("Hi").post_id(post.id).run(d).unwrap();
}

fn a_nil_key_references_nothing_and_needs_nothing(d: &Domain) {
    let post = Post::create().title("Anonymous").run(d).unwrap();
    assert_eq!(post.author_id, None);
    // A required key is required before it is looked up.
    let err = Comment::create().body("Hi").run(d).unwrap_err();
    assert_eq!(err.to_string(), "Invalid Error\n\n* post_id: is required");
}

fn an_update_to_a_dangling_key_is_refused(d: &Domain) {
    let ann = author(d);
    let post = Post::create().title("Hello").author_id(ann.id).run(d).unwrap();
    let err = post.clone().update().author_id(nobody()).title("Changed").run(d).unwrap_err();
    assert_eq!(err.to_string(), "Invalid Error\n\n* author_id: does not exist");
    assert_eq!(Post::get(d, post.id).unwrap(), post, "unchanged");
    // Other fields of a record whose key stays are not checked again.
    let renamed = post.update().title("Renamed").run(d).unwrap();
    assert_eq!(renamed.author_id, Some(ann.id));
    let cleared = renamed.update().author_id_opt(None::<Uuid>).run(d).unwrap();
    assert_eq!(cleared.author_id, None);
}

fn an_upsert_with_a_dangling_key_writes_nothing(d: &Domain) {
    let err = Post::import().title("Imported").author_id(nobody()).run(d).unwrap_err();
    assert_eq!(err.to_string(), "Invalid Error\n\n* author_id: does not exist");
    assert!(titles(d).is_empty());

    let ann = author(d);
    let first = Post::import().title("Imported").author_id(ann.id).run(d).unwrap();
    // On conflict the key is overwritten (`upsert_fields`), so checked.
    let err = Post::import().title("Imported").author_id(nobody()).run(d).unwrap_err();
    assert_eq!(err.to_string(), "Invalid Error\n\n* author_id: does not exist");
    assert_eq!(Post::get(d, first.id).unwrap().author_id, Some(ann.id));
}

fn a_bulk_create_with_a_dangling_key_keeps_nothing(d: &Domain) {
    let ann = author(d);
    let bulk = [
        Post::create().title("a").author_id(ann.id).changeset(d),
        Post::create().title("b").author_id(nobody()).changeset(d),
        Post::create().title("c").author_id(ann.id).changeset(d),
    ];
    let err = d.bulk_create(bulk).unwrap_err();
    assert_eq!(err.to_string(), "Invalid Error\n\n* author_id: does not exist");
    assert!(titles(d).is_empty(), "the bulk is rolled back");
}

fn destroying_a_referenced_record_would_leave_records_behind(d: &Domain) {
    let ann = author(d);
    let post = Post::create().title("Hello").author_id(ann.id).run(d).unwrap();
    let comment = Comment::create().body("Hi").post_id(post.id).run(d).unwrap();

    // On the referenced attribute of the destroyed record, as AshPostgres.
    let err = ann.clone().destroy().run(d).unwrap_err();
    assert_eq!(err.to_string(), "Invalid Error\n\n* id: would leave records behind");
    let err = post.clone().destroy().run(d).unwrap_err();
    assert_eq!(err.to_string(), "Invalid Error\n\n* id: would leave records behind");
    assert_eq!((Author::read().run(d).unwrap().len(), titles(d).len()), (1, 1), "nothing destroyed");

    // Referencing records gone, the destroy goes through.
    comment.destroy().run(d).unwrap();
    post.destroy().run(d).unwrap();
    ann.destroy().run(d).unwrap();
    assert!(Author::read().run(d).unwrap().is_empty());

    // A record referenced through its other key is held too.
    let bob = Author::create().name("Bob").run(d).unwrap();
    let edited = Post::create().title("Edited").editor_id(bob.id).run(d).unwrap();
    assert!(bob.clone().destroy().run(d).is_err());
    edited.destroy().run(d).unwrap();
    bob.destroy().run(d).unwrap();
}

fn a_failed_write_inside_a_transaction_leaves_the_rest(d: &Domain) {
    d.transaction(|| {
        let ann = author(d);
        let err = Post::create().title("Orphan").author_id(nobody()).run(d).unwrap_err();
        assert_eq!(err.message_for("author_id"), Some("does not exist"));
        Post::create().title("Kept").author_id(ann.id).run(d)?;
        let err = ann.clone().destroy().run(d).unwrap_err();
        assert_eq!(err.message_for("id"), Some("would leave records behind"));
        Ok(())
    })
    .unwrap();
    assert_eq!(titles(d), ["Kept"]);
    assert_eq!(Author::read().run(d).unwrap().len(), 1);

    // Returned from the body, the violation undoes the whole transaction.
    let err = d
        .transaction(|| {
            let bob = Author::create().name("Bob").run(d)?;
            Post::create().title("Bob's").author_id(bob.id).run(d)?;
            Post::create().title("Orphan").author_id(nobody()).run(d)
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "Invalid Error\n\n* author_id: does not exist");
    assert_eq!(titles(d), ["Kept"]);
}

fn a_belongs_to_across_declared_layers_is_no_foreign_key(d: &Domain) {
    let bookmark = Bookmark::create().author_id(nobody()).run(d).unwrap();
    assert!(bookmark.author_id.is_some());
    let ann = author(d);
    Bookmark::create().author_id(ann.id).run(d).unwrap();
    ann.destroy().run(d).unwrap();
    assert_eq!(Bookmark::read().run(d).unwrap().len(), 2);
}

#[test]
fn a_domain_must_register_what_its_resources_reference() {
    for layer in [Layer::Ets, Layer::Sqlite] {
        let (layer, label): (std::sync::Arc<dyn resource::DataLayer>, _) = match layer {
            Layer::Ets => (std::sync::Arc::new(resource::Ets::new()), "ets"),
            _ => (std::sync::Arc::new(Sqlite::memory().unwrap()), "sqlite"),
        };
        let err = Domain::new().with_data_layer(layer).register::<Comment>().register::<Post>().build().err();
        let message = err.map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(
            message,
            "data layer error: resource Post belongs to Author (relationship `author`, foreign key \
             `posts_author_id_fkey`), which this domain does not register: register it too (or set `ignore` on \
             its reference)",
            "{label}"
        );
    }
}
