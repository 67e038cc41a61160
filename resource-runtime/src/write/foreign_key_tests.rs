//! The `references` options on hand-written descriptions, without the
//! macros (the runtime's level of the test pyramid; `tests/foreign_keys.rs`
//! declares the same options through the macro syntax): each scenario runs
//! on ETS (the write path's checks) and on SQLite in memory (the database's
//! constraints, explained), and both must give the same records and the
//! same errors.

use std::sync::Arc;

use serde_json::{Value as Json, json};

use crate::data_layer::ets::Ets;
use crate::data_layer::query::DataQuery;
use crate::data_layer::{DataLayer, Target};
use crate::domain::Domain;
use crate::info::cast::Input;
use crate::info::error::{Error, Result};
use crate::info::value::{Row, Value};
use crate::info::*;
use crate::write::changeset::DynChangeset;

const fn attr(name: &'static str, ty: Type, allow_nil: bool) -> AttributeInfo {
    AttributeInfo { allow_nil, ..AttributeInfo::new(name, ty) }
}

/// A uuid primary key the create may also be given (to make a parent
/// after its child, inside a transaction).
const ID: AttributeInfo = AttributeInfo {
    primary_key: true,
    default: Some(|| Value::Uuid(uuid::Uuid::new_v4())),
    ..attr("id", Type::Uuid, false)
};

const fn actions(accept: &'static [&'static str]) -> [ActionInfo; 3] {
    [
        ActionInfo { primary: true, accept, ..ActionInfo::new("create", ActionKind::Create) },
        ActionInfo { primary: true, accept, ..ActionInfo::new("update", ActionKind::Update) },
        ActionInfo { primary: true, ..ActionInfo::new("destroy", ActionKind::Destroy) },
    ]
}

const fn belongs_to(
    name: &'static str,
    destination: fn() -> &'static ResourceInfo,
    source_attribute: &'static str,
    destination_attribute: &'static str,
) -> RelationshipInfo {
    RelationshipInfo {
        name,
        kind: RelationshipKind::BelongsTo,
        destination,
        source_attribute,
        destination_attribute,
        through: None,
        context_table: None,
        allow_nil: true,
        public: true,
        description: None,
    }
}

const fn reference(relationship: &'static str) -> Reference {
    Reference {
        relationship,
        on_delete: None,
        on_update: None,
        deferrable: Deferrable::No,
        name: None,
        ignore: false,
        index: false,
    }
}

fn author() -> &'static ResourceInfo {
    &AUTHOR
}

fn cascade_post() -> &'static ResourceInfo {
    &CASCADE_POST
}

static AUTHOR_ACTIONS: [ActionInfo; 3] = actions(&["id", "name", "code"]);
static AUTHOR_ATTRIBUTES: [AttributeInfo; 3] = [ID, attr("name", Type::String, true), attr("code", Type::String, true)];
static AUTHOR_IDENTITIES: [IdentityInfo; 1] = [IdentityInfo::new("unique_code", &["code"])];

/// Referenced by its primary key and, by badges and pins, by its `code`.
static AUTHOR: ResourceInfo = ResourceInfo {
    attributes: &AUTHOR_ATTRIBUTES,
    identities: &AUTHOR_IDENTITIES,
    actions: &AUTHOR_ACTIONS,
    sql: SqlInfo {
        table: Some("authors"),
        foreign_key_names: &[ForeignKeyName {
            key: "id",
            name: "named_posts_writer_fkey",
            message: Some("still has named posts"),
        }],
        ..SqlInfo::DEFAULT
    },
    ..ResourceInfo::new("Author", DataLayerKind::Sqlite)
};

static POST_ACTIONS: [ActionInfo; 3] = actions(&["title", "author_id"]);
static POST_ATTRIBUTES: [AttributeInfo; 3] =
    [ID, attr("title", Type::String, true), attr("author_id", Type::Uuid, true)];
static STRICT_POST_ATTRIBUTES: [AttributeInfo; 3] =
    [ID, attr("title", Type::String, true), attr("author_id", Type::Uuid, false)];
static BY_AUTHOR: [RelationshipInfo; 1] = [belongs_to("author", author, "author_id", "id")];

/// A post of `table` whose `author` reference is `reference`.
const fn post(
    name: &'static str,
    table: &'static str,
    attributes: &'static [AttributeInfo],
    references: &'static [Reference],
) -> ResourceInfo {
    ResourceInfo {
        attributes,
        actions: &POST_ACTIONS,
        relationships: &BY_AUTHOR,
        sql: SqlInfo { table: Some(table), references, ..SqlInfo::DEFAULT },
        ..ResourceInfo::new(name, DataLayerKind::Sqlite)
    }
}

static CASCADE_POST: ResourceInfo = post(
    "CascadePost",
    "cascade_posts",
    &POST_ATTRIBUTES,
    &[Reference { on_delete: Some(ReferenceAction::Cascade), ..reference("author") }],
);
static NILIFY_POST: ResourceInfo = post(
    "NilifyPost",
    "nilify_posts",
    &POST_ATTRIBUTES,
    &[Reference { on_delete: Some(ReferenceAction::Nilify), ..reference("author") }],
);
/// `nilify` on a key that may not be nil.
static STRICT_POST: ResourceInfo = post(
    "StrictPost",
    "strict_posts",
    &STRICT_POST_ATTRIBUTES,
    &[Reference { on_delete: Some(ReferenceAction::Nilify), ..reference("author") }],
);
static RESTRICT_POST: ResourceInfo = post(
    "RestrictPost",
    "restrict_posts",
    &POST_ATTRIBUTES,
    &[Reference { on_delete: Some(ReferenceAction::Restrict), ..reference("author") }],
);
static DEFERRED_POST: ResourceInfo = post(
    "DeferredPost",
    "deferred_posts",
    &POST_ATTRIBUTES,
    &[Reference { deferrable: Deferrable::Initially, ..reference("author") }],
);
static IGNORED_POST: ResourceInfo =
    post("IgnoredPost", "ignored_posts", &POST_ATTRIBUTES, &[Reference { ignore: true, ..reference("author") }]);
#[cfg(feature = "sqlite")]
static INDEXED_POST: ResourceInfo =
    post("IndexedPost", "indexed_posts", &POST_ATTRIBUTES, &[Reference { index: true, ..reference("author") }]);
/// Its constraint has a name, which `foreign_key_names` (here and on `AUTHOR`) give messages.
static NAMED_POST: ResourceInfo = ResourceInfo {
    sql: SqlInfo {
        table: Some("named_posts"),
        references: &[Reference { name: Some("named_posts_writer_fkey"), ..reference("author") }],
        foreign_key_names: &[ForeignKeyName {
            key: "author_id",
            name: "named_posts_writer_fkey",
            message: Some("no such writer"),
        }],
        ..SqlInfo::DEFAULT
    },
    ..post("NamedPost", "named_posts", &POST_ATTRIBUTES, &[])
};

static REVIEW_ACTIONS: [ActionInfo; 3] = actions(&["post_id"]);
static REVIEW_ATTRIBUTES: [AttributeInfo; 2] = [ID, attr("post_id", Type::Uuid, true)];
static ON_CASCADE_POST: [RelationshipInfo; 1] = [belongs_to("post", cascade_post, "post_id", "id")];
/// Restricts the destroy of a cascade post, so of its author.
static REVIEW: ResourceInfo = ResourceInfo {
    attributes: &REVIEW_ATTRIBUTES,
    actions: &REVIEW_ACTIONS,
    relationships: &ON_CASCADE_POST,
    sql: SqlInfo {
        table: Some("reviews"),
        references: &[Reference { on_delete: Some(ReferenceAction::Restrict), ..reference("post") }],
        ..SqlInfo::DEFAULT
    },
    ..ResourceInfo::new("Review", DataLayerKind::Sqlite)
};

static BADGE_ACTIONS: [ActionInfo; 3] = actions(&["author_code"]);
static BADGE_ATTRIBUTES: [AttributeInfo; 2] = [ID, attr("author_code", Type::String, true)];
static BY_CODE: [RelationshipInfo; 1] = [belongs_to("author", author, "author_code", "code")];
/// References the author's `code`; follows it when it changes.
static BADGE: ResourceInfo = ResourceInfo {
    attributes: &BADGE_ATTRIBUTES,
    actions: &BADGE_ACTIONS,
    relationships: &BY_CODE,
    sql: SqlInfo {
        table: Some("badges"),
        references: &[Reference { on_update: Some(ReferenceAction::Cascade), ..reference("author") }],
        ..SqlInfo::DEFAULT
    },
    ..ResourceInfo::new("Badge", DataLayerKind::Sqlite)
};
/// References the author's `code`; the code may not change under it.
static PIN: ResourceInfo = ResourceInfo {
    sql: SqlInfo {
        table: Some("pins"),
        references: &[Reference { on_update: Some(ReferenceAction::Restrict), ..reference("author") }],
        ..SqlInfo::DEFAULT
    },
    ..BADGE
};

static ALL: [&ResourceInfo; 11] = [
    &AUTHOR,
    &CASCADE_POST,
    &NILIFY_POST,
    &STRICT_POST,
    &RESTRICT_POST,
    &DEFERRED_POST,
    &IGNORED_POST,
    &NAMED_POST,
    &REVIEW,
    &BADGE,
    &PIN,
];

/// Each layer the scenarios run on, by name.
fn layers() -> Vec<(&'static str, Arc<dyn DataLayer>)> {
    #[allow(unused_mut)]
    let mut layers: Vec<(&'static str, Arc<dyn DataLayer>)> = vec![("ets", Arc::new(Ets::new()))];
    #[cfg(feature = "sqlite")]
    layers.push(("sqlite", Arc::new(crate::data_layer::sqlite::Sqlite::memory().unwrap())));
    layers
}

/// Runs `scenario` on a fresh domain of every layer.
fn on_every_layer(scenario: impl Fn(&Domain)) {
    for (name, layer) in layers() {
        let domain = ALL.iter().fold(Domain::new().with_data_layer(layer), |d, info| d.register_info(info));
        let domain = domain.build().unwrap();
        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| scenario(&domain)));
        if let Err(panic) = ran {
            eprintln!("on {name}:");
            std::panic::resume_unwind(panic);
        }
    }
}

fn inputs(input: Json) -> Vec<(String, Input)> {
    input.as_object().unwrap().iter().map(|(k, v)| (k.clone(), Input::Json(v.clone()))).collect()
}

fn create(d: &Domain, info: &'static ResourceInfo, input: Json) -> Result<Row> {
    DynChangeset::build(d, info, "create", ActionKind::Create, None, inputs(input))?.run()
}

fn update(d: &Domain, info: &'static ResourceInfo, row: &Row, input: Json) -> Result<Row> {
    DynChangeset::build(d, info, "update", ActionKind::Update, Some(row.clone()), inputs(input))?.run()
}

fn destroy(d: &Domain, info: &'static ResourceInfo, row: &Row) -> Result<()> {
    DynChangeset::build(d, info, "destroy", ActionKind::Destroy, Some(row.clone()), Vec::new())?.run_destroy()
}

fn all(d: &Domain, info: &'static ResourceInfo) -> Vec<Row> {
    d.data_layer(info).unwrap().read(Target::from(info), &DataQuery::default()).unwrap()
}

fn id(row: &Row) -> Json {
    match &row[0] {
        Value::Uuid(id) => json!(id.to_string()),
        other => panic!("not a uuid: {other:?}"),
    }
}

fn message(result: Result<impl std::fmt::Debug>) -> String {
    match result {
        Err(error @ Error::Invalid(_)) => error.to_string(),
        other => panic!("expected an Invalid error, got {other:?}"),
    }
}

#[test]
fn cascade_destroys_the_referencing_rows() {
    on_every_layer(|d| {
        let ann = create(d, &AUTHOR, json!({"name": "Ann"})).unwrap();
        let bob = create(d, &AUTHOR, json!({"name": "Bob"})).unwrap();
        for (title, author) in [("a", &ann), ("b", &ann), ("c", &bob)] {
            create(d, &CASCADE_POST, json!({"title": title, "author_id": id(author)})).unwrap();
        }
        destroy(d, &AUTHOR, &ann).unwrap();
        let left: Vec<Value> = all(d, &CASCADE_POST).iter().map(|row| row[1].clone()).collect();
        assert_eq!(left, [Value::String("c".into())]);
        assert_eq!(all(d, &AUTHOR).len(), 1);
    });
}

#[test]
fn a_cascade_a_grandchild_restricts_stops_the_destroy() {
    on_every_layer(|d| {
        let ann = create(d, &AUTHOR, json!({"name": "Ann"})).unwrap();
        let post = create(d, &CASCADE_POST, json!({"title": "a", "author_id": id(&ann)})).unwrap();
        let review = create(d, &REVIEW, json!({"post_id": id(&post)})).unwrap();
        // Reported on the destroyed record's referenced attribute.
        assert_eq!(message(destroy(d, &AUTHOR, &ann)), "invalid input: id: would leave records behind");
        assert_eq!((all(d, &AUTHOR).len(), all(d, &CASCADE_POST).len()), (1, 1), "nothing destroyed");
        destroy(d, &REVIEW, &review).unwrap();
        destroy(d, &AUTHOR, &ann).unwrap();
        assert!(all(d, &CASCADE_POST).is_empty());
    });
}

#[test]
fn nilify_sets_the_key_to_nil() {
    on_every_layer(|d| {
        let ann = create(d, &AUTHOR, json!({"name": "Ann"})).unwrap();
        create(d, &NILIFY_POST, json!({"title": "a", "author_id": id(&ann)})).unwrap();
        destroy(d, &AUTHOR, &ann).unwrap();
        let posts = all(d, &NILIFY_POST);
        assert_eq!((posts.len(), &posts[0][2]), (1, &Value::Nil));
    });
}

#[test]
fn nilify_on_a_required_key_is_refused() {
    on_every_layer(|d| {
        let ann = create(d, &AUTHOR, json!({"name": "Ann"})).unwrap();
        create(d, &STRICT_POST, json!({"title": "a", "author_id": id(&ann)})).unwrap();
        // As SQLite's `SET NULL` on a `NOT NULL` column.
        assert_eq!(message(destroy(d, &AUTHOR, &ann)), "invalid input: author_id: is required");
        assert_eq!(all(d, &AUTHOR).len(), 1);
        assert_eq!(all(d, &STRICT_POST)[0][2], ann[0]);
    });
}

#[test]
fn restrict_refuses_the_destroy() {
    on_every_layer(|d| {
        let ann = create(d, &AUTHOR, json!({"name": "Ann"})).unwrap();
        let post = create(d, &RESTRICT_POST, json!({"title": "a", "author_id": id(&ann)})).unwrap();
        assert_eq!(message(destroy(d, &AUTHOR, &ann)), "invalid input: id: would leave records behind");
        destroy(d, &RESTRICT_POST, &post).unwrap();
        destroy(d, &AUTHOR, &ann).unwrap();
    });
}

#[test]
fn on_update_cascade_follows_a_changed_key_and_restrict_refuses_it() {
    on_every_layer(|d| {
        let ann = create(d, &AUTHOR, json!({"name": "Ann", "code": "ann"})).unwrap();
        create(d, &BADGE, json!({"author_code": "ann"})).unwrap();
        assert_eq!(
            message(create(d, &BADGE, json!({"author_code": "nobody"}))),
            "invalid input: author_code: does not exist"
        );
        let ann = update(d, &AUTHOR, &ann, json!({"code": "anne"})).unwrap();
        assert_eq!(all(d, &BADGE)[0][1], Value::String("anne".into()));
        // Unchanged, the referenced value is no change.
        let ann = update(d, &AUTHOR, &ann, json!({"code": "anne", "name": "Anne"})).unwrap();

        create(d, &PIN, json!({"author_code": "anne"})).unwrap();
        assert_eq!(
            message(update(d, &AUTHOR, &ann, json!({"code": "a"}))),
            "invalid input: code: would leave records behind"
        );
        assert_eq!(all(d, &AUTHOR)[0][2], Value::String("anne".into()));
        assert_eq!(all(d, &BADGE)[0][1], Value::String("anne".into()), "the cascade is undone too");
    });
}

#[test]
fn foreign_key_names_give_the_messages() {
    on_every_layer(|d| {
        let missing = json!({"title": "a", "author_id": uuid::Uuid::new_v4().to_string()});
        assert_eq!(message(create(d, &NAMED_POST, missing)), "invalid input: author_id: no such writer");
        let ann = create(d, &AUTHOR, json!({"name": "Ann"})).unwrap();
        create(d, &NAMED_POST, json!({"title": "a", "author_id": id(&ann)})).unwrap();
        assert_eq!(message(destroy(d, &AUTHOR, &ann)), "invalid input: id: still has named posts");
    });
}

#[test]
fn an_ignored_reference_is_no_foreign_key() {
    on_every_layer(|d| {
        let missing = json!({"title": "a", "author_id": uuid::Uuid::new_v4().to_string()});
        create(d, &IGNORED_POST, missing).unwrap();
    });
}

#[test]
fn a_deferred_key_is_checked_at_commit() {
    on_every_layer(|d| {
        let later = uuid::Uuid::new_v4().to_string();
        // The post first, its author after it, in one transaction.
        d.transaction(|| {
            create(d, &DEFERRED_POST, json!({"title": "early", "author_id": later}))?;
            create(d, &AUTHOR, json!({"id": later, "name": "Late"}))
        })
        .unwrap();
        assert_eq!(all(d, &DEFERRED_POST).len(), 1);

        // Still dangling at commit: the whole transaction is undone.
        let nobody = uuid::Uuid::new_v4().to_string();
        let failed = d.transaction(|| {
            create(d, &AUTHOR, json!({"name": "Kept?"}))?;
            create(d, &DEFERRED_POST, json!({"title": "dangling", "author_id": nobody}))
        });
        assert_eq!(message(failed), "invalid input: author_id: does not exist");
        assert_eq!((all(d, &AUTHOR).len(), all(d, &DEFERRED_POST).len()), (1, 1));

        // Outside a transaction, the action is its own.
        let alone = create(d, &DEFERRED_POST, json!({"title": "alone", "author_id": uuid::Uuid::new_v4().to_string()}));
        assert_eq!(message(alone), "invalid input: author_id: does not exist");

        // A destroy leaving rows behind, reported on their key; a parent
        // made again with the same key before the commit mends it.
        let author = all(d, &AUTHOR).remove(0);
        assert_eq!(message(destroy(d, &AUTHOR, &author)), "invalid input: author_id: does not exist");
        let inside = d.transaction(|| destroy(d, &AUTHOR, &author));
        assert_eq!(message(inside), "invalid input: author_id: does not exist", "at the commit");
        assert_eq!(all(d, &AUTHOR).len(), 1);
        d.transaction(|| {
            destroy(d, &AUTHOR, &author)?;
            create(d, &AUTHOR, json!({"id": id(&author), "name": "Again"})).map(drop)
        })
        .unwrap();
        assert_eq!(all(d, &AUTHOR)[0][1], Value::String("Again".into()));

        // A savepoint that rolls back takes its checks with it.
        d.transaction(|| {
            let inner = d.transaction(|| {
                create(d, &DEFERRED_POST, json!({"title": "undone", "author_id": uuid::Uuid::new_v4().to_string()}))?;
                Err::<(), _>(Error::DataLayer("undo".into()))
            });
            assert!(inner.is_err());
            Ok(())
        })
        .unwrap();
        assert_eq!(all(d, &DEFERRED_POST).len(), 1);
    });
}

#[cfg(feature = "sqlite")]
#[test]
fn the_ddl_declares_each_reference() {
    use crate::data_layer::sqlite::schema::create_statements;
    let posts = |info: &'static ResourceInfo| create_statements(info, false).unwrap();
    assert_eq!(
        posts(&CASCADE_POST)[0],
        "CREATE TABLE \"cascade_posts\" (\n  \"id\" TEXT NOT NULL PRIMARY KEY,\n  \"author_id\" TEXT,\n  \"title\" TEXT,\n  \
         CONSTRAINT \"cascade_posts_author_id_fkey\" FOREIGN KEY (\"author_id\") REFERENCES \"authors\" (\"id\") ON DELETE CASCADE\n);"
    );
    assert!(posts(&PIN)[0].contains(
        "CONSTRAINT \"pins_author_code_fkey\" FOREIGN KEY (\"author_code\") REFERENCES \"authors\" (\"code\") ON UPDATE RESTRICT"
    ));
    assert!(posts(&NILIFY_POST)[0].ends_with("REFERENCES \"authors\" (\"id\") ON DELETE SET NULL\n);"));
    assert!(posts(&DEFERRED_POST)[0].ends_with("REFERENCES \"authors\" (\"id\") DEFERRABLE INITIALLY DEFERRED\n);"));
    assert!(posts(&NAMED_POST)[0].contains("CONSTRAINT \"named_posts_writer_fkey\" FOREIGN KEY"));
    assert!(!posts(&IGNORED_POST)[0].contains("FOREIGN KEY"));
    assert_eq!(
        posts(&INDEXED_POST)[1],
        "CREATE INDEX \"indexed_posts_author_id_index\" ON \"indexed_posts\" (\"author_id\");"
    );
    assert_eq!(posts(&AUTHOR).len(), 2, "the table and the code's unique index: no reference of its own");
}
