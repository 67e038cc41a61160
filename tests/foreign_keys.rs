//! Foreign keys, the same on every layer: a `belongs_to` whose destination
//! is stored beside it (same declared data layer and repo) is a reference.
//! A key that references nothing is `author_id: does not exist`; a destroy
//! that would leave referencing records (the default `on_delete: nothing`)
//! is `id: would leave records behind`; either leaves nothing written.
//! SQLite enforces them (`REFERENCES`), ETS through the write path; each
//! scenario runs on ETS, SQLite in memory and a SQLite file. The second
//! half declares every `sqlite { references { .. } }` option through the
//! macro syntax (`on_delete`, `on_update`, `ignore`, `index`, `deferrable`,
//! `name` with `foreign_key_names`) and runs each on every layer too.

use resource::dsl::resource;
use resource::prelude::*;

mod sqlite_common;

use resource::data_layer::sqlite::rusqlite;
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
    assert_eq!(err.to_string(), "invalid input: author_id: does not exist");
    assert_eq!(err.message_for("author_id"), Some("does not exist"));
    assert!(titles(d).is_empty(), "nothing written");

    // Each key is checked: both dangling keys are reported, in order.
    let err = Post::create().title("Orphan").author_id(nobody()).editor_id(nobody()).run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: author_id: does not exist; editor_id: does not exist");

    let ann = author(d);
    let post = Post::create().title("Hello").author_id(ann.id).editor_id(ann.id).run(d).unwrap();
    assert_eq!(post.author_id, Some(ann.id));
    let err = Comment::create().body("Hi").post_id(nobody()).run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: post_id: does not exist");
    Comment::create().body("Hi").post_id(post.id).run(d).unwrap();
}

fn a_nil_key_references_nothing_and_needs_nothing(d: &Domain) {
    let post = Post::create().title("Anonymous").run(d).unwrap();
    assert_eq!(post.author_id, None);
    // A required key is required before it is looked up.
    let err = Comment::create().body("Hi").run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: post_id: is required");
}

fn an_update_to_a_dangling_key_is_refused(d: &Domain) {
    let ann = author(d);
    let post = Post::create().title("Hello").author_id(ann.id).run(d).unwrap();
    let err = post.clone().update().author_id(nobody()).title("Changed").run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: author_id: does not exist");
    assert_eq!(Post::get(d, post.id).unwrap(), post, "unchanged");
    // Other fields of a record whose key stays are not checked again.
    let renamed = post.update().title("Renamed").run(d).unwrap();
    assert_eq!(renamed.author_id, Some(ann.id));
    let cleared = renamed.update().author_id_opt(None::<Uuid>).run(d).unwrap();
    assert_eq!(cleared.author_id, None);
}

fn an_upsert_with_a_dangling_key_writes_nothing(d: &Domain) {
    let err = Post::import().title("Imported").author_id(nobody()).run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: author_id: does not exist");
    assert!(titles(d).is_empty());

    let ann = author(d);
    let first = Post::import().title("Imported").author_id(ann.id).run(d).unwrap();
    // On conflict the key is overwritten (`upsert_fields`), so checked.
    let err = Post::import().title("Imported").author_id(nobody()).run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: author_id: does not exist");
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
    assert_eq!(err.to_string(), "invalid input: author_id: does not exist");
    assert!(titles(d).is_empty(), "the bulk is rolled back");
}

fn destroying_a_referenced_record_would_leave_records_behind(d: &Domain) {
    let ann = author(d);
    let post = Post::create().title("Hello").author_id(ann.id).run(d).unwrap();
    let comment = Comment::create().body("Hi").post_id(post.id).run(d).unwrap();

    // On the referenced attribute of the destroyed record, as AshPostgres.
    let err = ann.clone().destroy().run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: id: would leave records behind");
    let err = post.clone().destroy().run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: id: would leave records behind");
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
    assert_eq!(err.to_string(), "invalid input: author_id: does not exist");
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

// ------------------------------------------------------------ references

resource! {
    /// Referenced by its primary key, and by its `code` (badges, pins).
    /// Its create and update accept the id, so that a deferred draft can
    /// name a writer made after it.
    pub Writer {
        attributes {
            uuid_primary_key id { writable: true }
            attribute name: String { allow_nil: false, public: true }
            attribute code: Option<String> { public: true }
        }
        identities { identity unique_code [code]; }
        actions {
            default_accept [id, name, code];
            defaults [create, read, update, destroy];
        }
        sqlite {
            table: "writers";
            foreign_key_names: [(id, "memos_by_fkey", "still has memos")];
        }
    }
}

resource! {
    /// Destroyed with their writer; the key is indexed.
    pub Story {
        attributes {
            uuid_primary_key id;
            attribute title: String { allow_nil: false, public: true }
        }
        relationships { belongs_to writer: Writer; }
        actions { default_accept [title, writer_id]; defaults [create, read, destroy]; }
        sqlite {
            table: "stories";
            references { reference writer { on_delete: delete, index: true } }
        }
    }
}

resource! {
    /// Restricts the destroy of its story (so of the story's writer).
    pub Critique {
        attributes { uuid_primary_key id; }
        relationships { belongs_to story: Story; }
        actions { default_accept [story_id]; defaults [create, read, destroy]; }
        sqlite {
            table: "critiques";
            references { reference story { on_delete: restrict } }
        }
    }
}

resource! {
    /// Outlive their writer, their key set to nil.
    pub Note {
        attributes {
            uuid_primary_key id;
            attribute body: String { allow_nil: false, public: true }
        }
        relationships { belongs_to writer: Writer; }
        actions { default_accept [body, writer_id]; defaults [create, read, destroy]; }
        sqlite {
            table: "notes";
            references { reference writer { on_delete: nilify } }
        }
    }
}

resource! {
    /// Ash's default reference (`on_delete: nothing`), written out.
    pub Fan {
        attributes { uuid_primary_key id; }
        relationships { belongs_to writer: Writer; }
        actions { default_accept [writer_id]; defaults [create, read, destroy]; }
        sqlite {
            table: "fans";
            references { reference writer { on_delete: nothing } }
        }
    }
}

resource! {
    /// References the writer's `code`, and follows it when it changes.
    pub Badge {
        attributes { uuid_primary_key id; }
        relationships {
            belongs_to writer: Writer { source_attribute: writer_code, destination_attribute: code, attribute_type: String }
        }
        actions { default_accept [writer_code]; defaults [create, read, destroy]; }
        sqlite {
            table: "badges";
            references { reference writer { on_update: update } }
        }
    }
}

resource! {
    /// References the writer's `code`, which may not change under it.
    pub Pin {
        attributes { uuid_primary_key id; }
        relationships {
            belongs_to writer: Writer { source_attribute: writer_code, destination_attribute: code, attribute_type: String }
        }
        actions { default_accept [writer_code]; defaults [create, read, destroy]; }
        sqlite {
            table: "pins";
            references { reference writer { on_update: restrict } }
        }
    }
}

resource! {
    /// No foreign key: its key may name no writer, on every layer.
    pub Mention {
        attributes { uuid_primary_key id; }
        relationships { belongs_to writer: Writer; }
        actions { default_accept [writer_id]; defaults [create, read, destroy]; }
        sqlite {
            table: "mentions";
            references { reference writer { ignore: true } }
        }
    }
}

resource! {
    /// Its key is checked when the outermost transaction commits.
    pub Draft {
        attributes {
            uuid_primary_key id;
            attribute title: String { allow_nil: false, public: true }
        }
        relationships { belongs_to writer: Writer; }
        actions { default_accept [title, writer_id]; defaults [create, read, destroy]; }
        sqlite {
            table: "drafts";
            references { reference writer { deferrable: initially } }
        }
    }
}

resource! {
    /// Its constraint is named, and `foreign_key_names` (here and on
    /// `Writer`) give its violations their messages.
    pub Memo {
        attributes { uuid_primary_key id; }
        relationships { belongs_to writer: Writer; }
        actions { default_accept [writer_id]; defaults [create, read, destroy]; }
        sqlite {
            table: "memos";
            foreign_key_names: [(writer_id, "memos_by_fkey", "no such writer")];
            references { reference writer { name: "memos_by_fkey" } }
        }
    }
}

fn references_domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| {
        builder
            .register::<Writer>()
            .register::<Story>()
            .register::<Critique>()
            .register::<Note>()
            .register::<Fan>()
            .register::<Badge>()
            .register::<Pin>()
            .register::<Mention>()
            .register::<Draft>()
            .register::<Memo>()
    })
}

on_every_layer!(references_domain;
    on_delete_delete_destroys_the_referencing_records,
    a_cascade_that_reaches_a_restrict_destroys_nothing,
    on_delete_nilify_sets_the_key_to_nil,
    restrict_and_the_default_leave_no_records_behind,
    on_update_update_follows_the_key_and_restrict_refuses_it,
    an_ignored_reference_is_no_foreign_key,
    a_deferred_key_waits_for_the_commit,
    foreign_key_names_give_their_messages,
);

fn writer(d: &Domain, name: &str) -> Writer {
    Writer::create().name(name).run(d).unwrap()
}

fn on_delete_delete_destroys_the_referencing_records(d: &Domain) {
    let (ann, bob) = (writer(d, "Ann"), writer(d, "Bob"));
    for (title, by) in [("a", &ann), ("b", &ann), ("c", &bob)] {
        Story::create().title(title).writer_id(by.id).run(d).unwrap();
    }
    ann.destroy().run(d).unwrap();
    let left: Vec<String> = Story::read().run(d).unwrap().into_iter().map(|story| story.title).collect();
    assert_eq!(left, ["c"]);
    assert_eq!(Writer::read().run(d).unwrap().len(), 1);
}

fn a_cascade_that_reaches_a_restrict_destroys_nothing(d: &Domain) {
    let ann = writer(d, "Ann");
    let story = Story::create().title("a").writer_id(ann.id).run(d).unwrap();
    let critique = Critique::create().story_id(story.id).run(d).unwrap();
    // Reported on the attribute of the destroyed writer the cascade went through.
    let err = ann.clone().destroy().run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: id: would leave records behind");
    assert_eq!((Writer::read().run(d).unwrap().len(), Story::read().run(d).unwrap().len()), (1, 1));
    critique.destroy().run(d).unwrap();
    ann.destroy().run(d).unwrap();
    assert!(Story::read().run(d).unwrap().is_empty());
}

fn on_delete_nilify_sets_the_key_to_nil(d: &Domain) {
    let ann = writer(d, "Ann");
    let note = Note::create().body("kept").writer_id(ann.id).run(d).unwrap();
    ann.destroy().run(d).unwrap();
    let notes = Note::read().run(d).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!((notes[0].id, notes[0].writer_id), (note.id, None));
}

fn restrict_and_the_default_leave_no_records_behind(d: &Domain) {
    // `on_delete: nothing` (the default, written out).
    let ann = writer(d, "Ann");
    let fan = Fan::create().writer_id(ann.id).run(d).unwrap();
    let err = ann.clone().destroy().run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: id: would leave records behind");
    fan.destroy().run(d).unwrap();
    ann.destroy().run(d).unwrap();

    // `on_delete: restrict`, on the story the critique names.
    let bob = writer(d, "Bob");
    let story = Story::create().title("b").writer_id(bob.id).run(d).unwrap();
    let critique = Critique::create().story_id(story.id).run(d).unwrap();
    let err = story.clone().destroy().run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: id: would leave records behind");
    assert_eq!(Story::read().run(d).unwrap().len(), 1, "nothing destroyed");
    critique.destroy().run(d).unwrap();
    story.destroy().run(d).unwrap();
}

fn on_update_update_follows_the_key_and_restrict_refuses_it(d: &Domain) {
    let ann = Writer::create().name("Ann").code("ann").run(d).unwrap();
    Badge::create().writer_code("ann").run(d).unwrap();
    let err = Badge::create().writer_code("nobody").run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: writer_code: does not exist");

    let ann = ann.update().code("anne").run(d).unwrap();
    let badges = Badge::read().run(d).unwrap();
    assert_eq!(badges.iter().map(|b| b.writer_code.as_deref()).collect::<Vec<_>>(), [Some("anne")]);

    Pin::create().writer_code("anne").run(d).unwrap();
    let err = ann.clone().update().code("a").run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: code: would leave records behind");
    assert_eq!(Writer::get(d, ann.id).unwrap().code.as_deref(), Some("anne"));
    assert_eq!(Badge::read().run(d).unwrap()[0].writer_code.as_deref(), Some("anne"), "the cascade is undone too");
}

fn an_ignored_reference_is_no_foreign_key(d: &Domain) {
    // No key on any layer: a dangling key is accepted, and a destroy leaves it.
    let dangling = Mention::create().writer_id(nobody()).run(d).unwrap();
    assert!(dangling.writer_id.is_some());
    let ann = writer(d, "Ann");
    let mention = Mention::create().writer_id(ann.id).run(d).unwrap();
    ann.destroy().run(d).unwrap();
    assert_eq!(Mention::get(d, mention.id).unwrap().writer_id, Some(mention.writer_id.unwrap()));
    assert_eq!(Mention::read().run(d).unwrap().len(), 2);
}

fn a_deferred_key_waits_for_the_commit(d: &Domain) {
    // The draft first, its writer after it, in one transaction.
    let later = Uuid::new_v4();
    d.transaction(|| {
        Draft::create().title("early").writer_id(later).run(d)?;
        Writer::create().id(later).name("Late").run(d)
    })
    .unwrap();
    assert_eq!(Draft::read().run(d).unwrap()[0].writer_id, Some(later));

    // Still dangling at the commit: the whole transaction is undone.
    let err = d
        .transaction(|| {
            writer(d, "Kept?");
            Draft::create().title("dangling").writer_id(nobody()).run(d)
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "invalid input: writer_id: does not exist");
    assert_eq!((Writer::read().run(d).unwrap().len(), Draft::read().run(d).unwrap().len()), (1, 1));

    // Outside a transaction the action is its own.
    let err = Draft::create().title("alone").writer_id(nobody()).run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: writer_id: does not exist");

    // A writer destroyed and made again before the commit mends the key.
    let late = Writer::get(d, later).unwrap();
    d.transaction(|| {
        late.clone().destroy().run(d)?;
        Writer::create().id(later).name("Again").run(d)
    })
    .unwrap();
    assert_eq!(Writer::get(d, later).unwrap().name, "Again");
}

fn foreign_key_names_give_their_messages(d: &Domain) {
    // On the source for a dangling key, on the destroyed record's resource
    // for a destroy that would leave it behind.
    let err = Memo::create().writer_id(nobody()).run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: writer_id: no such writer");
    let ann = writer(d, "Ann");
    Memo::create().writer_id(ann.id).run(d).unwrap();
    let err = ann.destroy().run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: id: still has memos");
}

/// `index: true` is an index on SQLite (`<table>_<column>_index`); the
/// named constraint is there by its name. ETS has no indexes on
/// non-unique columns, and nothing to see: the scenarios above are its test.
#[test]
fn index_and_name_are_in_the_sqlite_schema() {
    let db = Sqlite::memory().unwrap();
    let _d = Domain::new()
        .with_data_layer(db.clone())
        .register::<Writer>()
        .register::<Story>()
        .register::<Memo>()
        .register::<Mention>()
        .build()
        .unwrap();
    let sql = |name: &str| -> Option<String> {
        db.with_connection(|conn| {
            conn.query_row("SELECT sql FROM sqlite_master WHERE name = ?1", [name], |row| row.get(0))
                .map(Some)
                .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })
        })
        .unwrap()
    };
    assert_eq!(
        sql("stories_writer_id_index").as_deref(),
        Some("CREATE INDEX \"stories_writer_id_index\" ON \"stories\" (\"writer_id\")")
    );
    let stories = sql("stories").unwrap();
    assert!(stories.contains("REFERENCES \"writers\" (\"id\") ON DELETE CASCADE"), "{stories}");
    assert!(sql("memos").unwrap().contains("CONSTRAINT \"memos_by_fkey\" FOREIGN KEY (\"writer_id\")"));
    assert!(!sql("mentions").unwrap().contains("REFERENCES"), "an ignored reference has no constraint");
    assert_eq!(sql("memos_writer_id_index"), None, "no `index: true`, no index");
}
