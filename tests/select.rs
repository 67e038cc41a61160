//! `Query::select` (Ash's `select`): only the attributes asked for (and the
//! primary key) are read, on every data layer; the records come back as
//! `Selected<R>`, whose getters tell "not selected" from nil.

use resource::dsl::resource;
use resource::prelude::*;
use resource::{Selected, Sqlite};
use serde_json::json;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub Owner {
        attributes {
            integer_primary_key id;
            attribute name: String { allow_nil: false, public: true }
        }
        relationships {
            has_many tickets: Ticket;
        }
        actions { default_accept [name]; defaults [create, read]; }
    }
}

resource! {
    pub Ticket {
        attributes {
            integer_primary_key id;
            attribute subject: String { allow_nil: false, public: true }
            attribute body: Option<String> { public: true }
            attribute priority: i64 { allow_nil: false, public: true }
            attribute status: String { allow_nil: false, public: true }
            attribute secret: Option<String> { public: true, sensitive: true }
        }
        relationships {
            belongs_to owner: Owner { attribute_type: i64 }
        }
        calculations {
            calculate label: String = expr(subject <> "!");
        }
        actions {
            default_accept [subject, body, priority, status, secret, owner_id];
            defaults [create, read];
            read open { filter: expr(status == "open"); }
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Owner>().register::<Ticket>())
}

on_every_layer!(domain;
    only_the_selected_fields_are_read,
    filters_sorts_and_the_action_filter_use_unselected_fields,
    calculations_load_beside_a_select,
    names_are_checked_when_the_read_runs,
);

fn seed(d: &Domain) {
    for (subject, body, priority, status) in
        [("b", Some("bee"), 2, "open"), ("a", None, 3, "open"), ("c", Some("sea"), 1, "closed")]
    {
        Ticket::create()
            .subject(subject)
            .body_opt(body.map(String::from))
            .priority(priority)
            .status(status)
            .secret("hush")
            .run(d)
            .unwrap();
    }
}

fn only_the_selected_fields_are_read(d: &Domain) {
    seed(d);
    let rows: Vec<Selected<Ticket>> =
        Ticket::read().sort(ticket::subject.asc()).select((ticket::subject, ticket::body)).run(d).unwrap();
    assert_eq!(rows.len(), 3);
    let a = &rows[0];
    assert_eq!(a.get(ticket::subject).unwrap(), Some("a".to_string()));
    assert_eq!(a.get(ticket::body).unwrap(), None, "selected, and nil");
    assert_eq!(rows[1].get(ticket::body).unwrap().as_deref(), Some("bee"));
    assert_eq!(a.get(ticket::id).unwrap(), Some(2), "the primary key is always read");
    let err = a.get(ticket::priority).unwrap_err();
    assert_eq!(err, Error::NotSelected { resource: "Ticket", field: "priority".into() });
    assert_eq!(err.to_string(), "Ticket.priority was not selected: add it to `select(..)`");
    assert!(a.is_selected(ticket::body) && !a.is_selected(ticket::status));
    assert_eq!(a.fields().collect::<Vec<_>>(), ["id", "subject", "body"]);
    assert_eq!(a.value("status"), None);
    assert_eq!(a.to_json(), json!({ "id": 2, "subject": "a", "body": null }));
    assert_eq!(format!("{a:?}"), r#"Selected<Ticket> { id: 2, subject: "a", body: nil, .. }"#);

    // More fields, one call at a time; names as strings; a sensitive one is redacted.
    let first = Ticket::read()
        .sort(ticket::priority.desc())
        .select(ticket::priority)
        .select(["secret"])
        .first(d)
        .unwrap()
        .unwrap();
    assert_eq!(first.get(ticket::priority).unwrap(), Some(3));
    assert_eq!(first.get(ticket::secret).unwrap().as_deref(), Some("hush"));
    assert_eq!(format!("{first:?}"), "Selected<Ticket> { id: 2, priority: 3, secret: **redacted**, .. }");
}

fn filters_sorts_and_the_action_filter_use_unselected_fields(d: &Domain) {
    seed(d);
    let rows = Ticket::open()
        .filter(expr!(priority > 1 && is_nil(body)))
        .sort(ticket::priority.desc())
        .select(ticket::subject)
        .run(d)
        .unwrap();
    let subjects: Vec<Option<String>> = rows.iter().map(|r| r.get(ticket::subject).unwrap()).collect();
    assert_eq!(subjects, [Some("a".to_string())]);
    let rows = Ticket::open().sort(ticket::priority.asc()).limit(1).offset(1).select(["subject"]).run(d).unwrap();
    assert_eq!(rows[0].get(ticket::subject).unwrap().as_deref(), Some("a"));
}

fn calculations_load_beside_a_select(d: &Domain) {
    seed(d);
    // `label` is computed from `subject`, which is not selected.
    let rows = Ticket::read().load(ticket::label).sort(ticket::subject.desc()).select(ticket::priority).run(d).unwrap();
    assert_eq!(rows[0].get(ticket::label).unwrap().as_deref(), Some("c!"));
    assert!(rows[0].get(ticket::subject).is_err());
    assert_eq!(rows[0].to_json(), json!({ "id": 3, "priority": 1, "label": "c!" }));
}

fn names_are_checked_when_the_read_runs(d: &Domain) {
    seed(d);
    let err = Ticket::read().select(["subjcet"]).run(d).unwrap_err();
    assert_eq!(err.to_string(), "data layer error: cannot select `subjcet` of Ticket: it is not an attribute");
    let err = Ticket::read().select(["label"]).run(d).unwrap_err();
    assert!(err.to_string().ends_with("it is not an attribute: load it instead"), "{err}");
    let err = Ticket::read().load(ticket::owner).select(ticket::subject).run(d).unwrap_err();
    assert!(err.to_string().contains("cannot load relationship `owner`"), "{err}");
}

/// SQLite reads only the selected columns: a column whose stored value
/// cannot be decoded fails a whole read, not a select without it.
#[test]
fn sqlite_selects_only_the_columns_asked_for() {
    let db = Sqlite::memory().unwrap();
    let d = Domain::new()
        .with_data_layer(std::sync::Arc::new(db.clone()))
        .register::<Owner>()
        .register::<Ticket>()
        .build()
        .unwrap();
    seed(&d);
    db.execute_batch(r#"UPDATE "ticket" SET "priority" = 'high' WHERE "subject" = 'a'"#).unwrap();
    let err = Ticket::read().run(&d).unwrap_err();
    assert!(matches!(err, Error::ValueType { field: "priority", .. }), "{err}");
    let rows = Ticket::read().sort(ticket::subject.asc()).select((ticket::subject, ticket::status)).run(&d).unwrap();
    assert_eq!(rows[0].get(ticket::status).unwrap().as_deref(), Some("open"));
}

/// Ash's `sensitive?`: serde leaves the attribute out (and `Debug` redacts it).
#[test]
fn sensitive_attributes_are_not_serialized() {
    let ticket = Ticket {
        id: 1,
        subject: "s".into(),
        body: None,
        priority: 1,
        status: "open".into(),
        secret: Some("hush".into()),
        owner_id: None,
        label: Loaded::NotLoaded,
        owner: Loaded::NotLoaded,
    };
    let json = serde_json::to_value(&ticket).unwrap();
    assert_eq!(json, json!({"id": 1, "subject": "s", "body": null, "priority": 1, "status": "open", "owner_id": null}));
    let back: Ticket = serde_json::from_value(json).unwrap();
    assert_eq!(back.secret, None, "an Option reads back as nil");
    assert!(!format!("{ticket:?}").contains("hush"));
}
