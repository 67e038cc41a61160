//! Every option of the `sqlite` section, written in each surface, lands in
//! the resource's `SqlInfo` (`docs/sqlite-section.md`), and the SQL layer's
//! DDL reads the references from there.

use resource::Resource;
use resource::data_layer::sql::ddl::foreign_keys;
use resource::info::{Deferrable, IndexField, ReferenceAction, SqlInfo};

/// The database the posts live in.
pub struct BlogRepo;
impl resource::Repo for BlogRepo {}

mod block {
    use resource::dsl::resource;
    use resource::prelude::*;

    use super::BlogRepo;

    resource! {
        pub Author {
            data_layer: Sqlite,
            attributes { uuid_primary_key id; attribute name: String { public: true } }
            actions { defaults [read]; }
            sqlite { repo: BlogRepo; }
        }
    }

    resource! {
        pub Post {
            data_layer: Sqlite,
            attributes {
                uuid_primary_key id;
                attribute title: String { public: true }
                attribute slug: String;
                attribute body: Option<String>;
                attribute price: Decimal;
                attribute status: String;
                attribute legacy: Option<String>;
                attribute starts_at: Option<i64>;
            }
            identities {
                identity unique_slug [slug];
                identity unique_title [title];
            }
            relationships {
                belongs_to author: Author;
                belongs_to editor: Author;
            }
            actions { defaults [read]; }
            sqlite {
                table: "posts";
                repo: BlogRepo;
                migrate: false;
                migration_types: [price: "NUMERIC", body: "TEXT"];
                migration_defaults: [status: "'draft'"];
                migration_ignore_attributes: [legacy];
                base_filter_sql: "status <> 'deleted'";
                skip_unique_indexes: [unique_title];
                unique_index_names: [([title], "posts_lower_title_index", "title is taken")];
                identity_index_names: [unique_slug: "posts_slug_idx"];
                foreign_key_names: [(author_id, "posts_author_fkey", "no such author"), (editor_id, "posts_editor_fkey")];
                exclusion_constraint_names: [(starts_at, "posts_no_overlap")];
                polymorphic: false;
                custom_indexes {
                    index [title, "lower(body)"] {
                        name: "posts_search_index",
                        unique: true,
                        where: "status = 'published'",
                        message: "is already published",
                        include: [slug],
                        using: "btree"
                    }
                    index [status];
                    index "lower(slug)";
                }
                custom_statements {
                    statement posts_fts {
                        up: "CREATE VIRTUAL TABLE posts_fts USING fts5(title)",
                        down: "DROP TABLE posts_fts",
                        code: false
                    }
                }
                references {
                    polymorphic_on_delete: nilify;
                    polymorphic_on_update: update;
                    polymorphic_name: "posts_polymorphic_fkey";
                    reference author {
                        on_delete: delete,
                        on_update: update,
                        deferrable: initially,
                        name: "posts_author_fkey",
                        index: true
                    }
                    reference editor { on_delete: nilify, on_update: restrict, deferrable: true, ignore: true }
                }
            }
        }
    }
}

mod attr {
    use resource::prelude::*;

    use super::BlogRepo;

    #[resource(data_layer = sqlite)]
    #[actions(defaults(read))]
    #[sqlite(repo = BlogRepo)]
    pub struct Author {
        #[attribute(uuid_primary_key)]
        pub id: Uuid,
        #[attribute(public)]
        pub name: String,
    }

    #[resource(data_layer = sqlite, table = "posts")]
    #[identity(unique_slug, keys(slug))]
    #[identity(unique_title, keys(title))]
    #[belongs_to(author: Author)]
    #[belongs_to(editor: Author)]
    #[actions(defaults(read))]
    #[sqlite(repo = BlogRepo, migrate = false)]
    #[sqlite(
        migration_types(price = "NUMERIC", body = "TEXT"),
        migration_defaults(status = "'draft'"),
        migration_ignore_attributes(legacy),
        base_filter_sql = "status <> 'deleted'",
        skip_unique_indexes(unique_title),
        unique_index_names(([title], "posts_lower_title_index", "title is taken")),
        identity_index_names(unique_slug = "posts_slug_idx"),
        foreign_key_names((author_id, "posts_author_fkey", "no such author"), (editor_id, "posts_editor_fkey")),
        exclusion_constraint_names((starts_at, "posts_no_overlap")),
        polymorphic = false
    )]
    #[sqlite(custom_indexes(
        index(
            [title, "lower(body)"],
            name = "posts_search_index",
            unique,
            where = "status = 'published'",
            message = "is already published",
            include(slug),
            using = "btree"
        ),
        index([status]),
        index("lower(slug)"),
    ))]
    #[sqlite(custom_statements(statement(
        posts_fts,
        up = "CREATE VIRTUAL TABLE posts_fts USING fts5(title)",
        down = "DROP TABLE posts_fts",
        code = false
    )))]
    #[sqlite(references(
        polymorphic_on_delete = nilify,
        polymorphic_on_update = update,
        polymorphic_name = "posts_polymorphic_fkey",
        reference(author, on_delete = delete, on_update = update, deferrable = initially, name = "posts_author_fkey", index),
        reference(editor, on_delete = nilify, on_update = restrict, deferrable, ignore),
    ))]
    pub struct Post {
        #[attribute(uuid_primary_key)]
        pub id: Uuid,
        #[attribute(public)]
        pub title: String,
        pub slug: String,
        pub body: Option<String>,
        pub price: Decimal,
        pub status: String,
        pub legacy: Option<String>,
        pub starts_at: Option<i64>,
    }
}

/// What both declarations of `Post` say.
fn assert_every_option(sql: &SqlInfo) {
    assert_eq!(sql.table, Some("posts"));
    assert_eq!(sql.repo.map(|repo| repo()), Some(resource::info::repo_id::<BlogRepo>()));
    assert!(!sql.migrate);
    assert_eq!(sql.migration_types, [("price", "NUMERIC"), ("body", "TEXT")]);
    assert_eq!(sql.migration_type("body"), Some("TEXT"));
    assert_eq!(sql.migration_defaults, [("status", "'draft'")]);
    assert_eq!(sql.migration_ignore_attributes, ["legacy"]);
    assert!(sql.ignores_attribute("legacy"));
    assert_eq!(sql.base_filter_sql, Some("status <> 'deleted'"));
    assert_eq!(sql.skip_unique_indexes, ["unique_title"]);
    assert!(sql.skips_unique_index("unique_title") && !sql.skips_unique_index("unique_slug"));
    assert_eq!(sql.identity_index_name("unique_slug"), Some("posts_slug_idx"));
    assert!(!sql.polymorphic);

    let [unique] = sql.unique_index_names else { panic!("one unique index name: {:?}", sql.unique_index_names) };
    assert_eq!(
        (unique.keys, unique.name, unique.message),
        (&["title"][..], "posts_lower_title_index", Some("title is taken"))
    );

    let names: Vec<_> = sql.foreign_key_names.iter().map(|fk| (fk.key, fk.name, fk.message)).collect();
    assert_eq!(
        names,
        [("author_id", "posts_author_fkey", Some("no such author")), ("editor_id", "posts_editor_fkey", None)]
    );

    let [search, status, slug] = sql.custom_indexes else { panic!("three indexes: {:?}", sql.custom_indexes) };
    assert_eq!(search.fields, [IndexField::Column("title"), IndexField::Sql("lower(body)")]);
    assert_eq!(search.name, Some("posts_search_index"));
    assert!(search.unique);
    assert_eq!(search.where_sql, Some("status = 'published'"));
    assert_eq!(search.message, Some("is already published"));
    assert_eq!(search.include, ["slug"]);
    assert_eq!(search.using, Some("btree"));
    assert_eq!(status.fields, [IndexField::Column("status")]);
    assert_eq!((status.name, status.unique, status.where_sql, status.using), (None, false, None, None));
    assert!(status.include.is_empty() && status.message.is_none());
    assert_eq!(slug.fields, [IndexField::Sql("lower(slug)")]);

    let [statement] = sql.custom_statements else { panic!("one statement: {:?}", sql.custom_statements) };
    assert_eq!(statement.name, "posts_fts");
    assert_eq!(statement.up, "CREATE VIRTUAL TABLE posts_fts USING fts5(title)");
    assert_eq!(statement.down, "DROP TABLE posts_fts");

    assert_eq!(sql.polymorphic_on_delete, Some(ReferenceAction::Nilify));
    assert_eq!(sql.polymorphic_on_update, Some(ReferenceAction::Cascade));
    let author = sql.reference("author").expect("a reference for author");
    assert_eq!(author.on_delete, Some(ReferenceAction::Cascade));
    assert_eq!(author.on_update, Some(ReferenceAction::Cascade));
    assert_eq!(author.deferrable, Deferrable::Initially);
    assert_eq!(author.name, Some("posts_author_fkey"));
    assert!(author.index && !author.ignore);
    let editor = sql.reference("editor").expect("a reference for editor");
    assert_eq!(editor.on_delete, Some(ReferenceAction::Nilify));
    assert_eq!(editor.on_update, Some(ReferenceAction::Restrict));
    assert_eq!(editor.deferrable, Deferrable::Yes);
    assert_eq!(editor.name, None);
    assert!(editor.ignore && !editor.index);
    assert_eq!(sql.references.len(), 2);
}

#[test]
fn every_option_of_the_block_form_reaches_the_sql_info() {
    assert_every_option(&<block::Post as Resource>::info().sql);
}

#[test]
fn every_option_of_the_attribute_form_reaches_the_sql_info() {
    assert_every_option(&<attr::Post as Resource>::info().sql);
}

#[test]
fn a_section_with_one_option_keeps_the_defaults_of_the_others() {
    for sql in [&<block::Author as Resource>::info().sql, &<attr::Author as Resource>::info().sql] {
        assert!(sql.repo.is_some());
        let SqlInfo { table, migrate, custom_indexes, references, polymorphic_on_delete, .. } = *sql;
        assert_eq!((table, migrate, polymorphic_on_delete), (None, true, None));
        assert!(custom_indexes.is_empty() && references.is_empty());
    }
}

/// The SQL layer's foreign keys follow the references: `author` cascades
/// both ways and is deferred, `editor` is ignored.
#[test]
fn the_ddl_reads_the_references() {
    for info in [<block::Post as Resource>::info(), <attr::Post as Resource>::info()] {
        let keys = foreign_keys(info.into());
        let [author] = keys.as_slice() else { panic!("one foreign key: {keys:?}") };
        assert_eq!(
            (author.name.as_str(), author.column, author.references_table.as_str()),
            ("posts_author_fkey", "author_id", "author")
        );
        assert_eq!((author.on_delete, author.on_update), (ReferenceAction::Cascade, ReferenceAction::Cascade));
        assert_eq!(author.deferrable, Deferrable::Initially);
        assert!(author.index);
    }
}
