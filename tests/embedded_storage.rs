//! How embedded values are stored on SQLite: one TEXT column of JSON with
//! keys in declaration order, in the generated migration too; data stored
//! before an attribute existed reads with its default; text that is not
//! JSON, or JSON of the wrong shape, is a typed error naming the resource
//! and the attribute, without the stored text.

use resource::dsl::resource;
use resource::prelude::*;
use resource::{Resource, Uuid};
use serde_json::json;

mod migrations_common;

use migrations_common::{Db, Project};

resource! {
    pub Badge {
        data_layer: Embedded,
        embed_nil_values: false,
        attributes {
            attribute zone: String { allow_nil: false }
            attribute level: i64 { default: 1 }
            attribute note: Option<String>;
        }
    }
}

resource! {
    pub Card {
        data_layer: Embedded,
        attributes {
            attribute title: Option<String>;
            attribute rank: i64 { default: 7 }
            attribute badge: Option<Badge>;
        }
    }
}

resource! {
    pub Member {
        data_layer: Sqlite,
        attributes {
            uuid_primary_key id;
            attribute card: Option<Card> { public: true }
            attribute badges: Vec<Badge> { default: Vec::new(), public: true }
        }
        actions { default_accept [card, badges]; defaults [create, read, update, destroy]; }
        sqlite { table: "members"; }
    }
}

fn migrated() -> (Project, Db, Domain) {
    let project = Project::new("embedded");
    project.generate(&[Member::info()]);
    let db = Db::new();
    db.up(&project.last_migration());
    let domain = Domain::new().with_sqlite(db.sqlite.clone()).register::<Member>().build().unwrap();
    (project, db, domain)
}

fn stored(db: &Db, id: Uuid) -> Vec<String> {
    db.rows(&format!("SELECT card, badges FROM members WHERE id = '{id}'")).remove(0)
}

#[test]
fn the_generated_migration_gives_embeds_a_text_column() {
    let (project, db, _) = migrated();
    assert_eq!(
        project.last_migration().up,
        "CREATE TABLE \"members\" (\n  \"id\" TEXT NOT NULL PRIMARY KEY,\n  \"badges\" TEXT NOT NULL,\n  \"card\" TEXT\n);"
    );
    assert_eq!(db.columns("members"), ["id", "badges", "card"]);
}

#[test]
fn stored_json_keeps_declaration_order_and_embed_nil_values() {
    let (_, db, d) = migrated();
    let input = json!({"card": {"title": "t", "badge": {"zone": "A"}}, "badges": [{"zone": "B", "note": "n"}]});
    let member = Changeset::<Member>::for_create(&d, "create", &input).run().unwrap();
    assert_eq!(
        stored(&db, member.id),
        [r#"{"title":"t","rank":7,"badge":{"zone":"A","level":1}}"#, r#"[{"zone":"B","level":1,"note":"n"}]"#,],
        "nil keys of Badge (embed_nil_values: false) are left out, Card's kept; keys in declaration order"
    );
}

#[test]
fn a_missing_key_reads_with_the_default_and_unknown_keys_are_dropped() {
    let (_, db, d) = migrated();
    let member = Member::create().run(&d).unwrap();
    let sql = format!(
        "UPDATE members SET card = '{{\"title\":\"old\",\"gone\":1}}', badges = '[{{\"zone\":\"Z\"}}]' WHERE id = '{}'",
        member.id
    );
    db.execute(&sql).unwrap();
    let read = Member::get(&d, member.id).unwrap();
    let card = read.card.unwrap();
    assert_eq!((card.title.as_deref(), card.rank, card.badge.is_none()), (Some("old"), 7, true));
    assert_eq!((read.badges[0].zone.as_str(), read.badges[0].level), ("Z", 1));
}

#[test]
fn corrupted_stored_values_are_typed_errors_without_the_stored_text() {
    let (_, db, d) = migrated();
    let member = Member::create().run(&d).unwrap();
    for (card, badges, message) in [
        ("'{not json'", "'[]'", "Member.card: stored text is not valid JSON (line 1, column 2)"),
        ("'[1]'", "'[]'", "Member.card: stored JSON is not a Card: expected a Card object, got a list"),
        ("'{\"rank\":\"secret-ish\"}'", "'[]'", "Member.card: stored JSON is not a Card: rank: is invalid"),
        (
            "NULL",
            "'[{\"zone\":\"a\"},3]'",
            "Member.badges: stored JSON is not a Badge: [1]: expected a Badge object, got a number",
        ),
        (
            "NULL",
            "'[{\"zone\":\"a\",\"level\":\"x\"}]'",
            "Member.badges: stored JSON is not a Badge: [0].level: is invalid",
        ),
    ] {
        db.execute(&format!("UPDATE members SET card = {card}, badges = {badges} WHERE id = '{}'", member.id)).unwrap();
        let err = Member::get(&d, member.id).unwrap_err();
        assert_eq!(err.to_string(), message);
        assert!(matches!(err, Error::ValueType { resource: "Member", .. }), "{err:?}");
    }
}
