//! The `sqlite { .. }` section through the macros, from the generator to a
//! working database: a resource declaring every option the schema reads is
//! generated, applied the way the runner applies it, and compared with what
//! `Sqlite::create_schema` (and a domain registering on a database with
//! `create_schema` on) builds: the same `sqlite_master`, row for row, since
//! both build from one table description (`data_layer::sql::table`). Then a
//! shop evolves through two generated migrations and the database behaves as
//! the section says: the unique custom index reports its message, the
//! `migration_defaults` fill the rows already there, the custom statement's
//! view reads the table.

use resource::{Resource, ResourceInfo};

mod migrations_common;

use migrations_common::{Db, Project};

/// Every option of the section that shapes the schema.
#[allow(dead_code)]
mod every_option {
    use resource::dsl::resource;
    use resource::prelude::*;

    resource! {
        pub Author {
            data_layer: Sqlite,
            attributes {
                uuid_primary_key id;
                attribute name: String { allow_nil: false, public: true }
                attribute code: Option<String> { public: true }
            }
            identities { identity unique_code [code]; }
            actions { default_accept [name, code]; defaults [create, read, update, destroy]; }
            sqlite { table: "authors"; }
        }
    }

    resource! {
        pub Post {
            data_layer: Sqlite,
            attributes {
                uuid_primary_key id;
                attribute title: String { allow_nil: false, public: true }
                attribute slug: String { allow_nil: false, public: true }
                attribute body: Option<String> { public: true }
                attribute status: String { allow_nil: false, public: true }
                attribute views: i64 { default: 0, public: true }
                attribute archived: bool { default: false, public: true }
                attribute price: Option<Decimal> { public: true }
                /// Its column is the custom statement's, not the table's.
                attribute search: Option<String> { public: true }
            }
            identities {
                identity unique_slug [slug];
                identity unique_title [title];
                identity unique_body [body] { nils_distinct: false }
            }
            relationships {
                belongs_to author: Author;
                belongs_to editor: Author;
                belongs_to reviewer: Author { source_attribute: reviewer_code, destination_attribute: code, attribute_type: String }
            }
            actions {
                default_accept [title, slug, body, status, views, archived, price, search, author_id, editor_id, reviewer_code];
                defaults [create, read, update, destroy];
            }
            sqlite {
                table: "posts";
                migration_types: [views: "BIGINT", price: "NUMERIC"];
                migration_defaults: [status: "'draft'"];
                migration_ignore_attributes: [search];
                base_filter_sql: "archived = 0";
                skip_unique_indexes: [unique_title];
                identity_index_names: [unique_slug: "posts_slug_idx", unique_body: "posts_body_idx"];
                unique_index_names: [([title], "posts_title_nocase", "title is taken")];
                foreign_key_names: [(author_id, "posts_by_fkey", "no such author")];
                custom_indexes {
                    index [title, "lower(body)"] {
                        name: "posts_search_index",
                        unique: true,
                        where: "status = 'published'",
                        message: "is already published"
                    }
                    index [status];
                    index "lower(slug)";
                }
                custom_statements {
                    statement search_column {
                        up: "ALTER TABLE posts ADD COLUMN search TEXT",
                        down: "ALTER TABLE posts DROP COLUMN search"
                    }
                    statement title_index {
                        up: "CREATE UNIQUE INDEX posts_title_nocase ON posts (title COLLATE NOCASE)",
                        down: "DROP INDEX posts_title_nocase"
                    }
                    statement published {
                        up: "CREATE VIEW published_posts AS SELECT id, title FROM posts WHERE status = 'published'",
                        down: "DROP VIEW published_posts"
                    }
                }
                references {
                    reference author {
                        on_delete: delete,
                        on_update: update,
                        deferrable: initially,
                        name: "posts_by_fkey",
                        index: true
                    }
                    reference editor { on_delete: nilify, deferrable: true }
                    reference reviewer { on_update: restrict }
                }
            }
        }
    }
}

fn every_option() -> [&'static ResourceInfo; 2] {
    [every_option::Author::info(), every_option::Post::info()]
}

/// A database made by the generated migration of `resources`.
fn migrated(resources: &[&'static ResourceInfo]) -> (Project, Db) {
    let project = Project::new("sqlite-section");
    let db = Db::new();
    project.generate(resources);
    db.up(&project.last_migration());
    (project, db)
}

#[test]
fn create_schema_builds_what_the_generated_migration_builds() {
    let (_project, migrated) = migrated(&every_option());
    let schema = migrated.schema();

    let created = Db::new();
    created.sqlite.create_schema(every_option()).unwrap();
    assert_eq!(created.schema(), schema);
    // Again: the tables exist, so nothing runs (the statements' `up`s would fail).
    created.sqlite.create_schema(every_option()).unwrap();
    assert_eq!(created.schema(), schema);

    // A domain registering on a database with `create_schema` on, one
    // resource at a time, builds the same.
    let registered = resource::Sqlite::memory().unwrap();
    let _domain = resource::Domain::new()
        .with_sqlite(registered.clone())
        .register::<every_option::Author>()
        .register::<every_option::Post>()
        .build()
        .unwrap();
    assert_eq!(Db { sqlite: registered }.schema(), schema);

    // What the section declared is there.
    let posts = migrated.sql_of("posts");
    for part in [
        "\"views\" BIGINT NOT NULL DEFAULT 0",
        "\"price\" NUMERIC COLLATE decimal",
        "\"status\" TEXT NOT NULL DEFAULT 'draft'",
        "CONSTRAINT \"posts_by_fkey\" FOREIGN KEY (\"author_id\") REFERENCES \"authors\" (\"id\") ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED",
        "CONSTRAINT \"posts_editor_id_fkey\" FOREIGN KEY (\"editor_id\") REFERENCES \"authors\" (\"id\") ON DELETE SET NULL DEFERRABLE INITIALLY IMMEDIATE",
        "CONSTRAINT \"posts_reviewer_code_fkey\" FOREIGN KEY (\"reviewer_code\") REFERENCES \"authors\" (\"code\") ON UPDATE RESTRICT",
        "search TEXT",
    ] {
        assert!(posts.contains(part), "{part} in {posts}");
    }
    let indexes: Vec<(String, String)> =
        schema.iter().filter(|row| row[0] == "index").map(|row| (row[1].clone(), row[3].clone())).collect();
    let expected = [
        ("authors_unique_code_index", "CREATE UNIQUE INDEX \"authors_unique_code_index\" ON \"authors\" (\"code\")"),
        ("posts_author_id_index", "CREATE INDEX \"posts_author_id_index\" ON \"posts\" (\"author_id\")"),
        (
            "posts_body_idx",
            "CREATE UNIQUE INDEX \"posts_body_idx\" ON \"posts\" (IFNULL(\"body\", x'')) WHERE archived = 0",
        ),
        ("posts_lower_slug_index", "CREATE INDEX \"posts_lower_slug_index\" ON \"posts\" (lower(slug))"),
        (
            "posts_search_index",
            "CREATE UNIQUE INDEX \"posts_search_index\" ON \"posts\" (\"title\", lower(body)) WHERE status = 'published'",
        ),
        ("posts_slug_idx", "CREATE UNIQUE INDEX \"posts_slug_idx\" ON \"posts\" (\"slug\") WHERE archived = 0"),
        ("posts_status_index", "CREATE INDEX \"posts_status_index\" ON \"posts\" (\"status\")"),
        ("posts_title_nocase", "CREATE UNIQUE INDEX posts_title_nocase ON posts (title COLLATE NOCASE)"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(n, s)| (n.to_string(), s.to_string())).collect();
    assert_eq!(indexes, expected, "no index for the skipped `unique_title`");
    assert!(schema.iter().any(|row| row[0] == "view" && row[1] == "published_posts"));
}

/// The database the generated migration made works through the domain:
/// every option the section declares is what the writes meet.
#[test]
fn a_migrated_database_behaves_as_the_section_says() {
    use every_option::{Author, Post};
    use resource::Domain;
    use resource::prelude::Uuid;

    let (_project, db) = migrated(&every_option());
    let d = Domain::new().with_sqlite(db.sqlite.clone()).register::<Author>().register::<Post>().build().unwrap();
    let ann = Author::create().name("Ann").code("ann").run(&d).unwrap();
    let post = |title: &str, slug: &str| {
        Post::create().title(title).slug(slug).status("published").body(title).author_id(ann.id)
    };
    let first = post("Hello", "hello").search("hello world").run(&d).unwrap();
    assert_eq!(Post::get(&d, first.id).unwrap().search.as_deref(), Some("hello world"), "the statement's column");

    // The renamed identity index, the custom index, the index of a statement
    // named in unique_index_names, a foreign key name: field errors.
    let err = post("Other", "hello").run(&d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: slug: has already been taken");
    let err = Post::create().title("hello").slug("x").status("draft").body("b").run(&d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: title: title is taken");
    let err = post("Greetings", "greetings").author_id(Uuid::new_v4()).run(&d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: author_id: no such author");

    // base_filter_sql: an archived post is outside the identities' indexes.
    Post::create().title("Archived").slug("hello").status("draft").archived(true).run(&d).unwrap();
    // on_update: update, through the reviewer's code; on_delete: delete.
    let reviewed = post("Reviewed", "reviewed").reviewer_code("ann").run(&d).unwrap();
    let err = ann.clone().update().code("anne").run(&d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: code: would leave records behind", "restrict");
    reviewed.destroy().run(&d).unwrap();
    ann.destroy().run(&d).unwrap();
    let left: Vec<String> = Post::read().run(&d).unwrap().into_iter().map(|p| p.title).collect();
    assert_eq!(left, ["Archived"], "the author's posts went with her");
}

/// A shop in two versions, generated and applied in turn.
#[allow(dead_code)]
mod shop_v1 {
    use resource::dsl::resource;

    resource! {
        pub Product {
            data_layer: Sqlite,
            attributes {
                uuid_primary_key id;
                attribute name: String { allow_nil: false, public: true }
                attribute sku: String { allow_nil: false, public: true }
            }
            actions { default_accept [name, sku]; defaults [create, read, update, destroy]; }
            sqlite {
                table: "products";
                custom_indexes {
                    index "lower(sku)" { unique: true, name: "products_sku_index", message: "is already in the catalogue" }
                    index [name] { unique: true, message: "names another product" }
                }
                custom_statements {
                    statement catalogue {
                        up: "CREATE VIEW catalogue AS SELECT name, upper(sku) AS sku FROM products",
                        down: "DROP VIEW catalogue"
                    }
                }
            }
        }
    }
}

/// Products gain a status, filled for the rows already there by its
/// `migration_defaults`, and a stock count stored as `BIGINT`.
#[allow(dead_code)]
mod shop_v2 {
    use resource::dsl::resource;

    resource! {
        pub Product {
            data_layer: Sqlite,
            attributes {
                uuid_primary_key id;
                attribute name: String { allow_nil: false, public: true }
                attribute sku: String { allow_nil: false, public: true }
                attribute status: String { allow_nil: false, public: true }
                attribute stock: i64 { default: 0, public: true }
            }
            actions { default_accept [name, sku, status, stock]; defaults [create, read, update, destroy]; }
            sqlite {
                table: "products";
                migration_types: [stock: "BIGINT"];
                migration_defaults: [status: "'in stock'"];
                custom_indexes {
                    index "lower(sku)" { unique: true, name: "products_sku_index", message: "is already in the catalogue" }
                    index [name] { unique: true, message: "names another product" }
                }
                custom_statements {
                    statement catalogue {
                        up: "CREATE VIEW catalogue AS SELECT name, upper(sku) AS sku, status FROM products",
                        down: "DROP VIEW catalogue"
                    }
                }
            }
        }
    }
}

#[test]
fn a_generated_shop_reports_its_indexes_and_fills_its_defaults() {
    use resource::Domain;

    let project = Project::new("shop");
    let db = Db::new();
    project.generate(&[shop_v1::Product::info()]);
    let v1 = project.last_migration();
    assert!(v1.up.contains("CREATE UNIQUE INDEX \"products_sku_index\" ON \"products\" (lower(sku));"), "{}", v1.up);
    db.up(&v1);

    let d = Domain::new().with_sqlite(db.sqlite.clone()).register::<shop_v1::Product>().build().unwrap();
    shop_v1::Product::create().name("Banana").sku("ba-1").run(&d).unwrap();
    shop_v1::Product::create().name("Cherry").sku("ch-1").run(&d).unwrap();
    let err = shop_v1::Product::create().name("Plantain").sku("BA-1").run(&d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: sku: is already in the catalogue");
    let err = shop_v1::Product::create().name("Banana").sku("ba-2").run(&d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: name: names another product");
    assert_eq!(db.rows("SELECT sku FROM catalogue ORDER BY sku"), [["BA-1"], ["CH-1"]]);

    project.generate(&[shop_v2::Product::info()]);
    let v2 = project.last_migration();
    assert!(
        v2.up.contains("ALTER TABLE \"products\" ADD COLUMN \"status\" TEXT NOT NULL DEFAULT 'in stock';"),
        "{}",
        v2.up
    );
    assert!(v2.up.contains("ALTER TABLE \"products\" ADD COLUMN \"stock\" BIGINT NOT NULL DEFAULT 0;"), "{}", v2.up);
    db.up(&v2);

    let d = Domain::new().with_sqlite(db.sqlite.clone()).register::<shop_v2::Product>().build().unwrap();
    let mut products = shop_v2::Product::read().run(&d).unwrap();
    products.sort_by(|a, b| a.name.cmp(&b.name));
    let filled: Vec<(&str, &str, i64)> =
        products.iter().map(|p| (p.name.as_str(), p.status.as_str(), p.stock)).collect();
    assert_eq!(filled, [("Banana", "in stock", 0), ("Cherry", "in stock", 0)], "the rows there got the defaults");
    shop_v2::Product::create().name("Date").sku("da-1").status("sold out").stock(3).run(&d).unwrap();
    let err = shop_v2::Product::create().name("Fig").sku("Da-1").status("new").run(&d).unwrap_err();
    assert_eq!(err.message_for("sku"), Some("is already in the catalogue"), "the index survived the migration");
    assert_eq!(
        db.rows("SELECT sku, status FROM catalogue ORDER BY sku"),
        [["BA-1", "in stock"], ["CH-1", "in stock"], ["DA-1", "sold out"]],
        "the changed view"
    );
    // The migrated table has what create_schema gives the same resource
    // (its `CREATE TABLE` text differs: `ADD COLUMN` appends to it).
    let created = Db::new();
    created.sqlite.create_schema([shop_v2::Product::info()]).unwrap();
    let shape = |db: &Db| {
        let columns = db.rows("SELECT name, type, \"notnull\", IFNULL(dflt_value, ''), pk FROM pragma_table_info('products') ORDER BY name");
        let others = db.schema().into_iter().filter(|row| row[0] != "table").collect::<Vec<_>>();
        (columns, others)
    };
    assert_eq!(shape(&created), shape(&db));
}
