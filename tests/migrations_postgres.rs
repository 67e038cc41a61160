//! The migration generator on PostgreSQL, through the macros to a server:
//! a resource declaring every option of the `postgres { .. }` section is
//! generated and applied the way the runner applies it, and its schema
//! compared with what `Postgres::create_schema` builds (the same catalog:
//! columns, indexes, constraints, views); then a shop evolves through
//! generated migrations that alter its table in place (no rebuild) while it
//! holds rows, and back. Needs the `postgres` feature; without
//! `RESOURCE_TEST_POSTGRES_URL` each test prints a notice and passes.
#![cfg(all(feature = "postgres", feature = "sqlite"))]

mod migrations_common;
mod sqlite_common;

use migrations_common::{Project, postgres_catalog, postgres_step};
use resource::data_layer::migration::Direction;
use resource::{Resource, ResourceInfo};
use sqlite_common::TempSchema;

/// A schema of its own, or `None` (and a notice) without a server.
fn schema() -> Option<TempSchema> {
    let schema = TempSchema::new();
    if schema.is_none() {
        eprintln!("skipped: set RESOURCE_TEST_POSTGRES_URL to run on PostgreSQL");
    }
    schema
}

/// Every option of the section that shapes the schema, in PostgreSQL's SQL.
#[allow(dead_code)]
mod every_option {
    use resource::dsl::resource;
    use resource::prelude::*;

    resource! {
        pub Author {
            data_layer: Postgres,
            attributes {
                uuid_primary_key id;
                attribute name: String { allow_nil: false, public: true }
                attribute code: Option<String> { public: true }
                attribute email: Option<CiString> { public: true }
            }
            identities {
                identity unique_code [code];
                identity unique_email [email] { nils_distinct: false }
            }
            actions { default_accept [name, code, email]; defaults [create, read, update, destroy]; }
            postgres { table: "authors"; }
        }
    }

    resource! {
        /// Its table's name sorts before `authors`', which it references.
        pub Comment {
            data_layer: Postgres,
            attributes {
                integer_primary_key id;
                attribute body: String { allow_nil: false, public: true }
                attribute score: f64 { default: 0.5, public: true }
                attribute seen_on: Option<resource::chrono::NaiveDate> { public: true }
                attribute meta: Option<serde_json::Value> { public: true }
            }
            relationships { belongs_to author: Author; }
            actions { default_accept [body, score, seen_on, meta, author_id]; defaults [create, read]; }
            postgres { table: "a_comments"; }
        }
    }

    resource! {
        pub Post {
            data_layer: Postgres,
            attributes {
                uuid_primary_key id;
                attribute title: String { allow_nil: false, public: true }
                attribute slug: String { allow_nil: false, public: true }
                attribute body: Option<String> { public: true }
                attribute status: String { allow_nil: false, public: true }
                attribute views: i64 { default: 0, public: true }
                attribute archived: bool { default: false, public: true }
                attribute price: Option<Decimal> { public: true }
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
            postgres {
                table: "posts";
                migration_types: [views: "integer"];
                migration_defaults: [status: "'draft'"];
                migration_ignore_attributes: [search];
                base_filter_sql: "archived = false";
                skip_unique_indexes: [unique_title];
                identity_index_names: [unique_slug: "posts_slug_idx", unique_body: "posts_body_idx"];
                custom_indexes {
                    index [title, "lower(body)"] { name: "posts_search_index", unique: true, where: "status = 'published'" }
                    index [status];
                }
                custom_statements {
                    statement search_column {
                        up: "ALTER TABLE posts ADD COLUMN search text",
                        down: "ALTER TABLE posts DROP COLUMN search"
                    }
                    statement published {
                        up: "CREATE VIEW published_posts AS SELECT id, title FROM posts WHERE status = 'published'",
                        down: "DROP VIEW published_posts"
                    }
                }
                references {
                    reference author { on_delete: delete, on_update: update, deferrable: initially, name: "posts_by_fkey", index: true }
                    reference editor { on_delete: nilify, deferrable: true }
                    reference reviewer { on_update: restrict }
                }
            }
        }
    }
}

fn every_option() -> [&'static ResourceInfo; 3] {
    [every_option::Author::info(), every_option::Comment::info(), every_option::Post::info()]
}

#[test]
fn create_schema_builds_what_the_generated_migration_builds() {
    let (Some(migrated), Some(created), Some(registered)) = (schema(), schema(), schema()) else { return };
    let project = Project::new("postgres-section");
    project.generate(&every_option());
    let migration = project.last_migration();
    postgres_step(&migrated.db, &migration, Direction::Up).unwrap_or_else(|e| panic!("{e}\n{}", migration.up));
    let catalog = postgres_catalog(&migrated.db);

    created.db.create_schema(every_option()).unwrap();
    assert_eq!(postgres_catalog(&created.db), catalog);
    // A domain registering on a database with `create_schema` on, one
    // resource at a time (the referenced one first), builds the same.
    let _domain = resource::Domain::new()
        .with_postgres(registered.db.clone())
        .register::<every_option::Author>()
        .register::<every_option::Comment>()
        .register::<every_option::Post>()
        .build()
        .unwrap();
    assert_eq!(postgres_catalog(&registered.db), catalog);

    let has = |kind: &str, part: &str| {
        assert!(catalog.iter().any(|row| row[0] == kind && row[2].contains(part)), "{part} in {catalog:#?}");
    };
    has(
        "constraint",
        "posts_by_fkey FOREIGN KEY (author_id) REFERENCES authors(id) ON UPDATE CASCADE ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED",
    );
    has(
        "constraint",
        "posts_reviewer_code_fkey FOREIGN KEY (reviewer_code) REFERENCES authors(code) ON UPDATE RESTRICT",
    );
    has("constraint", "a_comments_author_id_fkey FOREIGN KEY (author_id) REFERENCES authors(id)");
    has("index", "CREATE UNIQUE INDEX posts_slug_idx ON posts USING btree (slug) WHERE (archived = false)");
    has(
        "index",
        "CREATE UNIQUE INDEX authors_unique_email_index ON authors USING btree (((unicode_lower(email) IS NULL)), COALESCE(unicode_lower(email), ''::text))",
    );
    has("column", "views integer NO 0 NO");
    has("column", "id bigint NO YES BY DEFAULT");
    has("column", "search text");
    has("view", "status = 'published'");

    // The way back leaves nothing.
    postgres_step(&migrated.db, &migration, Direction::Down).unwrap_or_else(|e| panic!("{e}\n{}", migration.down));
    assert_eq!(postgres_catalog(&migrated.db), Vec::<Vec<String>>::new());
}

/// A shop in three versions.
#[allow(dead_code)]
mod shop_v1 {
    use resource::dsl::resource;

    resource! {
        pub Product {
            data_layer: Postgres,
            attributes {
                uuid_primary_key id;
                attribute name: String { allow_nil: false, public: true }
                attribute sku: String { allow_nil: false, public: true }
                attribute price: i64 { allow_nil: false, public: true }
                attribute note: Option<String> { public: true }
                attribute legacy: Option<String> { public: true }
            }
            actions { default_accept [name, sku, price, note, legacy]; defaults [create, read, update, destroy]; }
            postgres {
                table: "products";
                custom_indexes {
                    index "lower(sku)" { unique: true, name: "products_sku_index" }
                }
                custom_statements {
                    statement catalogue {
                        up: "CREATE VIEW catalogue AS SELECT name, price FROM products",
                        down: "DROP VIEW catalogue"
                    }
                }
            }
        }
    }
}

/// The price becomes a decimal, the note NOT NULL (its NULLs filled), a
/// status comes with a default, the name becomes an identity, `legacy` goes.
#[allow(dead_code)]
mod shop_v2 {
    use resource::dsl::resource;
    use resource::prelude::*;

    resource! {
        pub Product {
            data_layer: Postgres,
            attributes {
                uuid_primary_key id;
                attribute name: String { allow_nil: false, public: true }
                attribute sku: String { allow_nil: false, public: true }
                attribute price: Decimal { allow_nil: false, public: true }
                attribute note: String { allow_nil: false, public: true }
                attribute status: String { allow_nil: false, public: true }
            }
            identities { identity unique_name [name]; }
            actions { default_accept [name, sku, price, note, status]; defaults [create, read, update, destroy]; }
            postgres {
                table: "products";
                migration_defaults: [note: "'none'", status: "'in stock'"];
                custom_indexes {
                    index "lower(sku)" { unique: true, name: "products_sku_index" }
                }
                custom_statements {
                    statement catalogue {
                        up: "CREATE VIEW catalogue AS SELECT name, price, status FROM products",
                        down: "DROP VIEW catalogue"
                    }
                }
            }
        }
    }
}

#[test]
fn a_shop_evolves_in_place_while_it_holds_rows_and_back() {
    use resource::Domain;
    use resource::prelude::*;

    let (Some(db), Some(v1_created), Some(v2_created)) = (schema(), schema(), schema()) else { return };
    let project = Project::new("postgres-shop");
    project.generate(&[shop_v1::Product::info()]);
    let v1 = project.last_migration();
    postgres_step(&db.db, &v1, Direction::Up).unwrap();

    let d = Domain::new().with_postgres(db.db.clone()).register::<shop_v1::Product>().build().unwrap();
    shop_v1::Product::create().name("Banana").sku("ba-1").price(150).legacy("x").run(&d).unwrap();
    shop_v1::Product::create().name("Cherry").sku("ch-1").price(300).note("ripe").run(&d).unwrap();

    project.generate_with(&[shop_v2::Product::info()], |options| options.drop_columns = true);
    let v2 = project.last_migration();
    assert!(!v2.up.contains("_new_") && !v2.down.contains("_new_"), "no rebuild:\n{}", v2.up);
    for part in [
        "DROP VIEW catalogue;\n",
        "ALTER TABLE \"products\" DROP COLUMN \"legacy\";",
        "ALTER TABLE \"products\" ALTER COLUMN \"price\" TYPE numeric USING \"price\"::numeric;",
        "UPDATE \"products\" SET \"note\" = 'none' WHERE \"note\" IS NULL;",
        "ALTER TABLE \"products\" ALTER COLUMN \"note\" SET NOT NULL;",
        "ALTER TABLE \"products\" ADD COLUMN \"status\" text COLLATE \"C\" NOT NULL DEFAULT 'in stock';",
        "CREATE UNIQUE INDEX \"products_unique_name_index\" ON \"products\" (\"name\");",
    ] {
        assert!(v2.up.contains(part), "{part} in\n{}", v2.up);
    }
    postgres_step(&db.db, &v2, Direction::Up).unwrap_or_else(|e| panic!("{e}\n{}", v2.up));

    let d = Domain::new().with_postgres(db.db.clone()).register::<shop_v2::Product>().build().unwrap();
    let products = shop_v2::Product::read().sort(shop_v2::product::name.asc()).run(&d).unwrap();
    let rows: Vec<(&str, Decimal, &str, &str)> =
        products.iter().map(|p| (p.name.as_str(), p.price, p.note.as_str(), p.status.as_str())).collect();
    assert_eq!(
        rows,
        [("Banana", dec!(150), "none", "in stock"), ("Cherry", dec!(300), "ripe", "in stock")],
        "the rows kept their values, converted and filled"
    );
    let err = shop_v2::Product::create()
        .name("Banana")
        .sku("ba-2")
        .price(dec!(1))
        .note("n")
        .status("new")
        .run(&d)
        .unwrap_err();
    assert_eq!(err.to_string(), "invalid input: name: has already been taken");
    v2_created.db.create_schema([shop_v2::Product::info()]).unwrap();
    assert_eq!(postgres_catalog(&db.db), postgres_catalog(&v2_created.db), "as create_schema builds v2");

    // Back: the price is an integer again, the legacy column is back, empty.
    postgres_step(&db.db, &v2, Direction::Down).unwrap_or_else(|e| panic!("{e}\n{}", v2.down));
    v1_created.db.create_schema([shop_v1::Product::info()]).unwrap();
    assert_eq!(postgres_catalog(&db.db), postgres_catalog(&v1_created.db), "as create_schema builds v1");
    let d = Domain::new().with_postgres(db.db.clone()).register::<shop_v1::Product>().build().unwrap();
    let products = shop_v1::Product::read().sort(shop_v1::product::name.asc()).run(&d).unwrap();
    let rows: Vec<(&str, i64, Option<&str>)> =
        products.iter().map(|p| (p.name.as_str(), p.price, p.legacy.as_deref())).collect();
    assert_eq!(rows, [("Banana", 150, None), ("Cherry", 300, None)]);
}

#[test]
fn a_migration_that_fails_on_the_rows_rolls_back_whole() {
    use resource::Domain;

    let Some(db) = schema() else { return };
    let project = Project::new("postgres-duplicates");
    project.generate(&[shop_v1::Product::info()]);
    postgres_step(&db.db, &project.last_migration(), Direction::Up).unwrap();
    let d = Domain::new().with_postgres(db.db.clone()).register::<shop_v1::Product>().build().unwrap();
    for sku in ["a-1", "a-2"] {
        shop_v1::Product::create().name("Same").sku(sku).price(1).run(&d).unwrap();
    }
    let before = postgres_catalog(&db.db);
    project.generate_with(&[shop_v2::Product::info()], |options| options.drop_columns = true);
    let v2 = project.last_migration();
    let error = postgres_step(&db.db, &v2, Direction::Up).unwrap_err();
    assert!(error.contains("products_unique_name_index"), "{error}");
    assert_eq!(postgres_catalog(&db.db), before, "the view, the columns and the types are as they were");
    let applied: Vec<String> = resource::data_layer::migration::MigrationDatabase::applied_migrations(&db.db)
        .unwrap()
        .into_iter()
        .map(|row| row.version)
        .collect();
    assert_eq!(applied.len(), 1);
}
