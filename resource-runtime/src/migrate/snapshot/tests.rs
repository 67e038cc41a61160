//! Snapshots: the canonical form, the checks on read, and how resources are
//! described (hand-written descriptions, every SQL option).

use std::path::Path;

use super::*;
use crate::data_layer::sql::sqlite_dialect::SQLITE;
use crate::info::value::Value;
use crate::info::{
    ActionInfo, AttributeInfo, CustomIndex, CustomStatement, DataLayerKind, IdentityInfo, Reference, RelationshipInfo,
    RelationshipKind, ResourceInfo, SqlInfo, Type,
};

const fn attr(name: &'static str, ty: Type, allow_nil: bool) -> AttributeInfo {
    AttributeInfo { allow_nil, ..AttributeInfo::new(name, ty) }
}

const fn pk(name: &'static str, ty: Type) -> AttributeInfo {
    AttributeInfo { allow_nil: false, primary_key: true, writable: false, ..AttributeInfo::new(name, ty) }
}

const CREATE: &[ActionInfo] = &[ActionInfo::new("create", crate::info::ActionKind::Create)];

fn author() -> &'static ResourceInfo {
    &AUTHOR
}

static AUTHOR: ResourceInfo = ResourceInfo {
    sql: SqlInfo { table: Some("authors"), ..SqlInfo::DEFAULT },
    attributes: &[pk("id", Type::Uuid), attr("name", Type::CiString, false)],
    identities: &[IdentityInfo::new("unique_name", &["name"])],
    ..ResourceInfo::new("Author", DataLayerKind::Sqlite)
};

static POST: ResourceInfo = ResourceInfo {
    sql: SqlInfo {
        table: Some("posts"),
        migration_types: &[("title", "VARCHAR(200)")],
        migration_defaults: &[("published_at", "CURRENT_TIMESTAMP"), ("views", "nil")],
        migration_ignore_attributes: &[("scratch")],
        base_filter_sql: Some("archived = 0"),
        identity_index_names: &[("unique_slug", "posts_slug_key")],
        skip_unique_indexes: &["unique_title"],
        custom_indexes: &[
            CustomIndex {
                fields: &[crate::info::IndexField::Column("author_id"), crate::info::IndexField::Sql("lower(title)")],
                name: None,
                unique: false,
                where_sql: Some("archived = 0"),
                message: None,
                include: &[],
                using: None,
            },
            CustomIndex {
                fields: &[crate::info::IndexField::Column("views")],
                name: Some("posts_by_views"),
                unique: true,
                where_sql: None,
                message: None,
                include: &["title"],
                using: Some("btree"),
            },
        ],
        custom_statements: &[
            CustomStatement {
                name: "z_view",
                up: "CREATE VIEW recent AS SELECT * FROM posts",
                down: "DROP VIEW recent",
            },
            CustomStatement { name: "a_trigger", up: " SELECT 1; ", down: "SELECT 2" },
        ],
        references: &[Reference {
            relationship: "author",
            on_delete: Some(crate::info::ReferenceAction::Cascade),
            on_update: None,
            deferrable: crate::info::Deferrable::Initially,
            name: None,
            ignore: false,
            index: true,
        }],
        ..SqlInfo::DEFAULT
    },
    attributes: &[
        pk("id", Type::Uuid),
        attr("title", Type::String, false),
        attr("slug", Type::String, true),
        attr("author_id", Type::Uuid, false),
        AttributeInfo { default: Some(|| Value::Int(0)), ..attr("views", Type::Integer, false) },
        AttributeInfo { default: Some(|| Value::Bool(true)), ..attr("archived", Type::Boolean, false) },
        AttributeInfo { default: Some(|| Value::String("it's".into())), ..attr("note", Type::String, true) },
        AttributeInfo {
            default: Some(|| Value::Decimal(rust_decimal::Decimal::new(150, 2))),
            ..attr("price", Type::Decimal, true)
        },
        AttributeInfo { default: Some(|| Value::Uuid(uuid::Uuid::new_v4())), ..attr("token", Type::Uuid, true) },
        AttributeInfo {
            default: Some(|| Value::DateTime(chrono::Utc::now())),
            ..attr("published_at", Type::UtcDatetime, true)
        },
        AttributeInfo {
            default: Some(|| Value::Json(serde_json::json!({"b": 1, "a": [true]}))),
            ..attr("meta", Type::Json, true)
        },
        attr("scratch", Type::String, true),
    ],
    identities: &[
        IdentityInfo { nils_distinct: false, ..IdentityInfo::new("unique_slug", &["author_id", "slug"]) },
        IdentityInfo::new("unique_title", &["title"]),
    ],
    relationships: &[RelationshipInfo {
        name: "author",
        kind: RelationshipKind::BelongsTo,
        destination: author,
        source_attribute: "author_id",
        destination_attribute: "id",
        through: None,
        context_table: None,
        allow_nil: false,
        public: true,
        description: None,
    }],
    ..ResourceInfo::new("Post", DataLayerKind::Sqlite)
};

fn describe_one(resources: &[&'static ResourceInfo]) -> Result<Described, MigrationError> {
    describe(&SQLITE, "repo", resources, resources)
}

fn posts() -> TableSnapshot {
    describe_one(&[&POST, &AUTHOR]).unwrap().tables.remove("posts").unwrap()
}

#[test]
fn a_resource_becomes_its_table_with_every_sql_option() {
    let posts = posts();
    let names: Vec<&str> = posts.columns.iter().map(|c| c.name.as_str()).collect();
    // Sorted by name; `scratch` is ignored.
    assert_eq!(
        names,
        ["archived", "author_id", "id", "meta", "note", "price", "published_at", "slug", "title", "token", "views"]
    );
    let column = |name: &str| posts.column(name).unwrap();
    assert_eq!(column("title").sql_type, "VARCHAR(200)");
    assert_eq!(column("price").collation.as_deref(), Some("decimal"));
    // Constant defaults become literals, stored as the layer stores them.
    assert_eq!(column("archived").default.as_deref(), Some("1"));
    assert_eq!(column("note").default.as_deref(), Some("'it''s'"));
    assert_eq!(column("price").default.as_deref(), Some("'1.50'"));
    assert_eq!(column("meta").default.as_deref(), Some(r#"'{"a":[true],"b":1}'"#));
    // A random default and a datetime are no constants; migration_defaults win, `nil` is none.
    assert_eq!(column("token").default, None);
    assert_eq!(column("published_at").default.as_deref(), Some("CURRENT_TIMESTAMP"));
    assert_eq!(column("views").default, None);
    assert!(column("id").not_null && column("title").not_null && !column("slug").not_null);
    assert_eq!(posts.primary_key, ["id"]);

    assert_eq!(posts.foreign_keys.len(), 1);
    let fk = &posts.foreign_keys[0];
    assert_eq!(
        (fk.name.as_str(), fk.column.as_str(), fk.references_table.as_str(), fk.references_column.as_str()),
        ("posts_author_id_fkey", "author_id", "authors", "id")
    );
    assert_eq!(
        (fk.on_delete, fk.on_update, fk.deferrable),
        (OnAction::Cascade, OnAction::NoAction, Deferral::InitiallyDeferred)
    );

    let indexes: Vec<(&str, bool, Vec<&str>, Option<&str>)> = posts
        .indexes
        .iter()
        .map(|i| (i.name.as_str(), i.unique, i.terms.iter().map(String::as_str).collect(), i.where_sql.as_deref()))
        .collect();
    assert_eq!(
        indexes,
        [
            ("posts_author_id_index", false, vec!["\"author_id\""], None),
            ("posts_author_id_lower_title_index", false, vec!["\"author_id\"", "lower(title)"], Some("archived = 0")),
            ("posts_by_views", true, vec!["\"views\""], None),
            // identity_index_names, base_filter_sql, and nils_distinct: false on the nullable key.
            ("posts_slug_key", true, vec!["\"author_id\"", "IFNULL(\"slug\", x'')"], Some("archived = 0")),
        ]
    );
    let statements: Vec<(&str, &str)> =
        posts.custom_statements.iter().map(|s| (s.name.as_str(), s.up.as_str())).collect();
    assert_eq!(statements, [("z_view", "CREATE VIEW recent AS SELECT * FROM posts"), ("a_trigger", "SELECT 1;")]);

    let authors = describe_one(&[&POST, &AUTHOR]).unwrap().tables.remove("authors").unwrap();
    assert_eq!(authors.column("name").unwrap().collation.as_deref(), Some("ci"));
    assert_eq!(authors.indexes[0].terms, ["\"name\""]);
}

#[test]
fn the_file_is_canonical_json_with_its_hash_last() {
    let posts = posts();
    let text = posts.file_text();
    assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
    let keys: Vec<&str> = text
        .lines()
        .filter(|line| line.starts_with("  \"") && !line.starts_with("   "))
        .map(|line| line.trim().split('"').nth(1).unwrap())
        .collect();
    assert_eq!(
        keys,
        ["format", "repo", "table", "primary_key", "columns", "foreign_keys", "indexes", "custom_statements", "hash"]
    );
    assert!(text.contains(&format!("  \"hash\": \"{}\"\n", posts.hash())));
    assert_eq!(posts.hash().len(), 64);
    // The same resources give the same bytes, and the text reads back.
    assert_eq!(text, self::posts().file_text());
    assert_eq!(TableSnapshot::parse(Path::new("x.json"), &text).unwrap(), posts);
    // A column's keys, in order.
    assert!(text.contains(
        "      \"name\": \"archived\",\n      \"type\": \"INTEGER\",\n      \"collation\": null,\n      \"not_null\": true,\n      \"default\": \"1\",\n      \"autoincrement\": false,\n      \"removed\": false\n"
    ));
}

fn parse_error(text: &str) -> String {
    TableSnapshot::parse(Path::new("priv/resource_snapshots/repo/posts/20260101000000.json"), text)
        .unwrap_err()
        .to_string()
}

#[test]
fn a_tampered_snapshot_is_refused_naming_the_file() {
    let text = posts().file_text().replace("\"VARCHAR(200)\"", "\"TEXT\"");
    let message = parse_error(&text);
    assert!(
        message.starts_with(
            "priv/resource_snapshots/repo/posts/20260101000000.json: its hash does not match its content: it was \
             edited by hand or merged badly"
        ),
        "{message}"
    );
    assert!(message.contains("restore it from version control, or delete it"), "{message}");
}

#[test]
fn a_corrupt_snapshot_is_refused_naming_the_file() {
    let message = parse_error("{\"format\": 1, \"table\": ");
    assert!(
        message
            .starts_with("priv/resource_snapshots/repo/posts/20260101000000.json: not a snapshot (EOF while parsing"),
        "{message}"
    );
    assert!(message.ends_with(
        "restore it from version control, or delete it (with the migration generated with it) and generate again"
    ));
    assert!(parse_error("[1]").contains("not a snapshot (not a JSON object)"));
    assert!(parse_error("{\"hash\": \"x\"}").contains("not a snapshot (no `format` number)"));
    let no_hash = posts().content_text();
    assert!(parse_error(&no_hash).contains("not a snapshot (no `hash`)"));
    let unknown = posts().file_text().replace("\"format\": 1,", "\"format\": 1,\n  \"colour\": \"red\",");
    assert!(parse_error(&unknown).contains("not a snapshot (unknown field `colour`"), "{}", parse_error(&unknown));
}

#[test]
fn a_snapshot_from_a_newer_format_asks_for_an_upgrade() {
    let text = posts().file_text().replace("\"format\": 1,", "\"format\": 2,");
    assert_eq!(
        parse_error(&text),
        "priv/resource_snapshots/repo/posts/20260101000000.json: written in snapshot format 2 by a newer version \
         of the generator (this one reads format 1 and older): upgrade the `resource` crate"
    );
}

#[test]
fn the_current_snapshot_is_the_greatest_version_and_must_lie_in_its_folder() {
    let dir = std::env::temp_dir().join(format!("resource-snapshots-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let posts = posts();
    let mut older = posts.clone();
    older.columns.pop();
    for (version, snapshot) in [("20260101000000", &older), ("20260102000000", &posts)] {
        let path = snapshot_file(&dir, "repo", "posts", version);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, snapshot.file_text()).unwrap();
    }
    std::fs::write(dir.join("repo/posts/notes.txt"), "ignored").unwrap();
    let stored = read_stored(&dir, "repo").unwrap();
    assert_eq!(stored.latest_version.as_deref(), Some("20260102000000"));
    assert_eq!(stored.tables["posts"].snapshot, posts);
    assert!(read_stored(&dir, "other_repo").unwrap().tables.is_empty());

    std::fs::create_dir_all(dir.join("repo/articles")).unwrap();
    std::fs::write(dir.join("repo/articles/20260103000000.json"), posts.file_text()).unwrap();
    let message = read_stored(&dir, "repo").unwrap_err().to_string();
    assert!(
        message.ends_with(
            "articles/20260103000000.json: it describes table `posts` of repo `repo` but lies in the folder of table \
         `articles` of repo `repo`: move it back, or restore the folder from version control"
        ),
        "{message}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

static TICKET: ResourceInfo = ResourceInfo {
    sql: SqlInfo { table: Some("tickets"), ..SqlInfo::DEFAULT },
    attributes: &[
        pk("id", Type::Uuid),
        attr("subject", Type::String, false),
        AttributeInfo {
            default: Some(|| Value::Atom("open".into())),
            ..attr("status", Type::Atom(&["open", "closed"]), false)
        },
    ],
    actions: CREATE,
    ..ResourceInfo::new("Ticket", DataLayerKind::Sqlite)
};

/// The same table, seen by an archive resource: no subject, a nullable
/// status with another default, and a column of its own.
static ARCHIVED: ResourceInfo = ResourceInfo {
    sql: SqlInfo { table: Some("tickets"), ..SqlInfo::DEFAULT },
    attributes: &[
        pk("id", Type::Uuid),
        AttributeInfo {
            default: Some(|| Value::Atom("closed".into())),
            ..attr("status", Type::Atom(&["open", "closed"]), false)
        },
        attr("archived_at", Type::UtcDatetime, false),
    ],
    actions: CREATE,
    ..ResourceInfo::new("ArchivedTicket", DataLayerKind::Sqlite)
};

#[test]
fn resources_sharing_a_table_are_merged() {
    let tickets = describe_one(&[&TICKET, &ARCHIVED]).unwrap().tables.remove("tickets").unwrap();
    let column = |name: &str| tickets.column(name).unwrap();
    // Each lacks a column the other has and creates: both nullable.
    assert!(!column("subject").not_null && !column("archived_at").not_null);
    // Both have status NOT NULL, with different defaults: no default.
    assert!(column("status").not_null);
    assert_eq!(column("status").default, None);
    assert_eq!(
        describe_one(&[&TICKET]).unwrap().tables["tickets"].column("status").unwrap().default.as_deref(),
        Some("'open'")
    );
}

static TICKET_INT: ResourceInfo = ResourceInfo {
    sql: SqlInfo { table: Some("tickets"), ..SqlInfo::DEFAULT },
    attributes: &[pk("id", Type::Uuid), attr("subject", Type::Integer, true)],
    ..ResourceInfo::new("TicketNumber", DataLayerKind::Sqlite)
};

static TICKET_OTHER_PK: ResourceInfo = ResourceInfo {
    sql: SqlInfo { table: Some("tickets"), ..SqlInfo::DEFAULT },
    attributes: &[pk("code", Type::String), attr("subject", Type::String, true)],
    ..ResourceInfo::new("TicketCode", DataLayerKind::Sqlite)
};

#[test]
fn conflicting_declarations_of_a_table_name_the_table_the_column_and_both_resources() {
    let message = describe_one(&[&TICKET, &TICKET_INT]).unwrap_err().to_string();
    assert_eq!(
        message,
        "table `tickets`, column `subject`: Ticket declares it TEXT and TicketNumber declares it INTEGER: resources \
         sharing a table must agree on each column's type (change one, or give both the same migration_types entry)"
    );
    let message = describe_one(&[&TICKET, &TICKET_OTHER_PK]).unwrap_err().to_string();
    assert_eq!(
        message,
        "table `tickets`: Ticket has the primary key (id) and TicketCode has (code): resources sharing a table must \
         declare the same primary key"
    );
}

static NO_PK: ResourceInfo = ResourceInfo {
    attributes: &[attr("name", Type::String, true)],
    ..ResourceInfo::new("Loose", DataLayerKind::Sqlite)
};

static CLASHING_INDEX: ResourceInfo = ResourceInfo {
    sql: SqlInfo {
        table: Some("others"),
        identity_index_names: &[("unique_name", "authors_unique_name_index")],
        ..SqlInfo::DEFAULT
    },
    attributes: &[pk("id", Type::Uuid), attr("name", Type::String, false)],
    identities: &[IdentityInfo::new("unique_name", &["name"])],
    ..ResourceInfo::new("Other", DataLayerKind::Sqlite)
};

#[test]
fn what_no_table_can_be_is_refused() {
    assert_eq!(
        describe_one(&[&NO_PK]).unwrap_err().to_string(),
        "Loose has no primary key, which its table `Loose` needs: add one (`uuid_primary_key id;`, \
         `integer_primary_key id;` or `primary_key: true` on attributes)"
    );
    assert_eq!(
        describe_one(&[&AUTHOR, &CLASHING_INDEX]).unwrap_err().to_string(),
        "index `authors_unique_name_index` is declared on tables `authors` and `others`, but index names are unique \
         in a database: rename one (identity_index_names, a custom index's `name`)"
    );
}

static REACTION: ResourceInfo = ResourceInfo {
    sql: SqlInfo { polymorphic: true, ..SqlInfo::DEFAULT },
    attributes: &[pk("id", Type::Uuid), attr("resource_id", Type::Uuid, false)],
    identities: &[IdentityInfo::new("one_per_resource", &["resource_id"])],
    ..ResourceInfo::new("Reaction", DataLayerKind::Sqlite)
};

fn reaction() -> &'static ResourceInfo {
    &REACTION
}

const fn reactions(table: &'static str) -> RelationshipInfo {
    RelationshipInfo {
        name: "reactions",
        kind: RelationshipKind::HasMany,
        destination: reaction,
        source_attribute: "id",
        destination_attribute: "resource_id",
        through: None,
        context_table: Some(table),
        allow_nil: true,
        public: true,
        description: None,
    }
}

static ARTICLE: ResourceInfo = ResourceInfo {
    sql: SqlInfo { table: Some("articles"), ..SqlInfo::DEFAULT },
    attributes: &[pk("id", Type::Uuid)],
    relationships: &[reactions("article_reactions")],
    ..ResourceInfo::new("Article", DataLayerKind::Sqlite)
};

static COMMENT: ResourceInfo = ResourceInfo {
    sql: SqlInfo { table: Some("comments"), ..SqlInfo::DEFAULT },
    attributes: &[pk("id", Type::Uuid)],
    relationships: &[reactions("comment_reactions")],
    ..ResourceInfo::new("Comment", DataLayerKind::Sqlite)
};

#[test]
fn a_polymorphic_resource_has_a_table_per_context_table() {
    let described = describe_one(&[&REACTION, &ARTICLE, &COMMENT]).unwrap();
    let tables: Vec<&str> = described.tables.keys().map(String::as_str).collect();
    assert_eq!(tables, ["article_reactions", "articles", "comment_reactions", "comments"]);
    assert_eq!(described.tables["comment_reactions"].indexes[0].name, "comment_reactions_one_per_resource_index");
}

#[test]
fn an_index_mentions_the_columns_its_terms_and_condition_name() {
    let index = IndexSnapshot {
        name: "i".into(),
        unique: false,
        terms: vec!["\"author_id\"".into(), "lower(title)".into()],
        where_sql: Some("Archived = 0".into()),
    };
    assert!(index.mentions("author_id") && index.mentions("title") && index.mentions("archived"));
    assert!(!index.mentions("author") && !index.mentions("id") && !index.mentions("lower_title"));
}
