//! The migration generator through the public API, on databases that hold
//! rows: each scenario generates from one version of the resources, applies
//! the migration the way the runner does (`migrations_common::Db`), evolves
//! the resources (a second module declaring the same tables, or hand-written
//! descriptions, which pin the runtime's reading of the SQL section without
//! the macros), generates and applies again, and checks `sqlite_master`, the
//! rows and the foreign keys directly. The same options through the macros,
//! and `create_schema`'s parity with the generated migration, are in
//! `migrations_sqlite_section.rs`.

use resource::Resource;
use resource::ResourceInfo;

mod migrations_common;

use migrations_common::{Db, Project};

/// The first version: authors, and tickets that belong to one.
mod v1 {
    use resource::dsl::resource;
    use resource::prelude::*;

    resource! {
        pub Author {
            data_layer: Sqlite,
            attributes {
                uuid_primary_key id;
                attribute name: String { allow_nil: false, public: true }
                attribute bio: Option<String> { public: true }
                attribute score: Option<i64> { public: true }
            }
            identities { identity unique_name [name]; }
            actions { default_accept [name, bio, score]; defaults [create, read]; }
            sqlite { table: "authors"; }
        }
    }

    resource! {
        pub Ticket {
            data_layer: Sqlite,
            attributes {
                uuid_primary_key id;
                attribute subject: String { allow_nil: false, public: true }
                attribute notes: Option<String> { public: true }
                attribute price: Option<Decimal> { public: true }
            }
            relationships { belongs_to author: Author; }
            actions { default_accept [subject, notes, price, author_id]; defaults [create, read]; }
            sqlite { table: "tickets"; }
        }
    }
}

/// Tickets gain a priority with a default, and a nullable label.
#[allow(dead_code)]
mod added {
    use resource::dsl::resource;
    use resource::prelude::*;

    pub use super::v1::Author;

    resource! {
        pub Ticket {
            data_layer: Sqlite,
            attributes {
                uuid_primary_key id;
                attribute subject: String { allow_nil: false, public: true }
                attribute notes: Option<String> { public: true }
                attribute price: Option<Decimal> { public: true }
                attribute priority: i64 { default: 1, public: true }
                attribute label: Option<String> { public: true }
            }
            relationships { belongs_to author: Author; }
            actions { default_accept [subject, notes, price, priority, label, author_id]; defaults [create, read]; }
            sqlite { table: "tickets"; }
        }
    }
}

/// Tickets lose their notes.
#[allow(dead_code)]
mod removed {
    use resource::dsl::resource;
    use resource::prelude::*;

    pub use super::v1::Author;

    resource! {
        pub Ticket {
            data_layer: Sqlite,
            attributes {
                uuid_primary_key id;
                attribute subject: String { allow_nil: false, public: true }
                attribute price: Option<Decimal> { public: true }
            }
            relationships { belongs_to author: Author; }
            actions { default_accept [subject, price, author_id]; defaults [create, read]; }
            sqlite { table: "tickets"; }
        }
    }
}

/// Authors' bio becomes required (with a default for the NULLs) and their
/// score becomes text; tickets still reference them.
#[allow(dead_code)]
mod altered {
    use resource::dsl::resource;
    use resource::prelude::*;

    resource! {
        pub Author {
            data_layer: Sqlite,
            attributes {
                uuid_primary_key id;
                attribute name: String { allow_nil: false, public: true }
                attribute bio: String { default: "(none)", public: true }
                attribute score: Option<String> { public: true }
            }
            identities { identity unique_name [name]; }
            actions { default_accept [name, bio, score]; defaults [create, read]; }
            sqlite { table: "authors"; }
        }
    }

    resource! {
        pub Ticket {
            data_layer: Sqlite,
            attributes {
                uuid_primary_key id;
                attribute subject: String { allow_nil: false, public: true }
                attribute notes: Option<String> { public: true }
                attribute price: Option<Decimal> { public: true }
            }
            relationships { belongs_to author: Author; }
            actions { default_accept [subject, notes, price, author_id]; defaults [create, read]; }
            sqlite { table: "tickets"; }
        }
    }
}

/// Tickets gain a unique subject (and a column, to see the whole migration
/// roll back), and a two-key identity where a nil note is an ordinary value.
#[allow(dead_code)]
mod identities {
    use resource::dsl::resource;
    use resource::prelude::*;

    pub use super::v1::Author;

    resource! {
        pub Ticket {
            data_layer: Sqlite,
            attributes {
                uuid_primary_key id;
                attribute subject: String { allow_nil: false, public: true }
                attribute notes: Option<String> { public: true }
                attribute price: Option<Decimal> { public: true }
                attribute label: Option<String> { public: true }
            }
            identities {
                identity unique_subject [subject];
                identity one_note_per_author [author_id, notes] { nils_distinct: false }
            }
            relationships { belongs_to author: Author; }
            actions { default_accept [subject, notes, price, label, author_id]; defaults [create, read]; }
            sqlite { table: "tickets"; }
        }
    }
}

/// A required priority without a default: refused on an existing table.
#[allow(dead_code)]
mod required_without_default {
    use resource::dsl::resource;
    use resource::prelude::*;

    pub use super::v1::Author;

    resource! {
        pub Ticket {
            data_layer: Sqlite,
            attributes {
                uuid_primary_key id;
                attribute subject: String { allow_nil: false, public: true }
                attribute notes: Option<String> { public: true }
                attribute price: Option<Decimal> { public: true }
                attribute opened_on: resource::chrono::NaiveDate { public: true, default: resource::chrono::Utc::now().date_naive() }
            }
            relationships { belongs_to author: Author; }
            actions { default_accept [subject, notes, price, author_id]; defaults [create, read]; }
            sqlite { table: "tickets"; }
        }
    }
}

/// Notes become required, with nothing to put in the NULLs: refused.
#[allow(dead_code)]
mod tightened_without_default {
    use resource::dsl::resource;
    use resource::prelude::*;

    pub use super::v1::Author;

    resource! {
        pub Ticket {
            data_layer: Sqlite,
            attributes {
                uuid_primary_key id;
                attribute subject: String { allow_nil: false, public: true }
                attribute notes: String { allow_nil: false, public: true }
                attribute price: Option<Decimal> { public: true }
            }
            relationships { belongs_to author: Author; }
            actions { default_accept [subject, notes, price, author_id]; defaults [create, read]; }
            sqlite { table: "tickets"; }
        }
    }
}

fn v1() -> [&'static ResourceInfo; 2] {
    [v1::Author::info(), v1::Ticket::info()]
}

const ADA: &str = "00000000-0000-0000-0000-00000000000a";
const BOB: &str = "00000000-0000-0000-0000-00000000000b";

/// The v1 schema with two authors and three tickets.
fn v1_with_rows(project: &Project) -> Db {
    let db = Db::new();
    project.generate(&v1());
    db.up(&project.last_migration());
    db.execute(&format!(
        "INSERT INTO authors (id, name, bio, score) VALUES ('{ADA}', 'Ada', NULL, 7), ('{BOB}', 'Bob', 'hi', NULL);
         INSERT INTO tickets (id, subject, notes, price, author_id) VALUES
           ('00000000-0000-0000-0000-000000000001', 'Printer', 'jammed', '1.50', '{ADA}'),
           ('00000000-0000-0000-0000-000000000002', 'Login', NULL, NULL, '{ADA}'),
           ('00000000-0000-0000-0000-000000000003', 'Mail', 'slow', '10', '{BOB}');"
    ))
    .unwrap();
    db
}

#[test]
fn a_new_resource_creates_its_tables_and_generating_again_writes_nothing() {
    let project = Project::new("new");
    let generated = project.generate(&v1());
    let paths: Vec<String> = generated
        .files
        .iter()
        .map(|(path, _)| path.strip_prefix(&project.dir).unwrap().display().to_string())
        .collect();
    let migration = project.last_migration();
    let version = &migration.version;
    assert_eq!(
        paths,
        [
            format!("priv/repo/migrations/{version}_migrate_resources_1.sql"),
            format!("snapshots/repo/authors/{version}.json"),
            format!("snapshots/repo/tickets/{version}.json"),
        ]
    );
    assert_eq!(generated.migration.as_deref(), Some(project.path(&paths[0]).as_path()));
    assert_eq!(
        migration.up,
        r#"CREATE TABLE "authors" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "bio" TEXT,
  "name" TEXT NOT NULL,
  "score" INTEGER
);
CREATE UNIQUE INDEX "authors_unique_name_index" ON "authors" ("name");

CREATE TABLE "tickets" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "author_id" TEXT,
  "notes" TEXT,
  "price" TEXT COLLATE decimal,
  "subject" TEXT NOT NULL,
  CONSTRAINT "tickets_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "authors" ("id")
);"#
    );
    assert_eq!(migration.down, "DROP TABLE \"tickets\";\n\nDROP TABLE \"authors\";");

    let db = Db::new();
    db.up(&migration);
    assert_eq!(db.columns("tickets"), ["id", "author_id", "notes", "price", "subject"]);
    assert_eq!(db.indexes("authors"), ["authors_unique_name_index", "sqlite_autoindex_authors_1"]);

    // The SQLite layer works on the migrated tables.
    use resource::prelude::*;
    let app =
        Domain::new().with_sqlite(db.sqlite.clone()).register::<v1::Author>().register::<v1::Ticket>().build().unwrap();
    let ada = v1::Author::create().name("Ada").run(&app).unwrap();
    v1::Ticket::create().subject("Printer").price(dec!(2.5)).author_id(ada.id).run(&app).unwrap();
    v1::Ticket::create().subject("Mail").price(dec!(10)).author_id(ada.id).run(&app).unwrap();
    let tickets = v1::Ticket::read().sort(v1::ticket::price.desc()).run(&app).unwrap();
    let subjects: Vec<&str> = tickets.iter().map(|t| t.subject.as_str()).collect();
    assert_eq!(subjects, ["Mail", "Printer"], "decimals sort as numbers (the decimal collation)");
    assert!(v1::Author::create().name("Ada").run(&app).is_err(), "the identity's index holds");

    // Nothing changed: nothing to write, and the check is clean.
    assert!(project.generate(&v1()).is_empty());
    assert!(project.generate_with(&v1(), |o| o.check = true).is_empty());
    assert_eq!(project.migrations("repo").len(), 1);
    // A resource that goes away leaves its table (no DROP TABLE is ever
    // generated) and its snapshot: when it comes back, nothing is new.
    assert!(project.generate(&[v1::Author::info()]).is_empty());
    assert_eq!(project.snapshot("tickets").table, "tickets");
    assert!(project.generate(&v1()).is_empty());

    db.down(&migration);
    assert_eq!(db.schema(), Vec::<Vec<String>>::new());
}

#[test]
fn an_added_attribute_with_a_default_fills_the_rows() {
    let project = Project::new("added");
    let db = v1_with_rows(&project);
    let generated = project.generate(&[added::Author::info(), added::Ticket::info()]);
    assert_eq!(generated.files.len(), 2, "the tickets snapshot and the migration");
    let migration = project.last_migration();
    assert_eq!(migration.name, "migrate_resources_2");
    assert_eq!(
        migration.up,
        "ALTER TABLE \"tickets\" ADD COLUMN \"label\" TEXT;\nALTER TABLE \"tickets\" ADD COLUMN \"priority\" INTEGER NOT NULL DEFAULT 1;"
    );
    assert_eq!(
        migration.down,
        "ALTER TABLE \"tickets\" DROP COLUMN \"label\";\nALTER TABLE \"tickets\" DROP COLUMN \"priority\";"
    );
    db.up(&migration);
    assert_eq!(
        db.rows("SELECT subject, priority, label FROM tickets ORDER BY subject"),
        [["Login", "1", "NULL"], ["Mail", "1", "NULL"], ["Printer", "1", "NULL"]]
    );
    db.down(&migration);
    assert_eq!(db.columns("tickets"), ["id", "author_id", "notes", "price", "subject"]);
    assert_eq!(db.rows("SELECT count(*) FROM tickets"), [["3"]]);
}

#[test]
fn a_removed_attribute_keeps_its_column_until_drop_columns() {
    let project = Project::new("removed");
    let db = v1_with_rows(&project);
    let resources = [removed::Author::info(), removed::Ticket::info()];
    project.generate(&resources);
    let kept = project.last_migration();
    assert_eq!(
        kept.up,
        "-- \"notes\" is no longer an attribute: the column and its data stay until a generation with drop_columns \
         drops it.\n-- ALTER TABLE \"tickets\" DROP COLUMN \"notes\";"
    );
    assert_eq!(kept.down, "");
    db.up(&kept);
    assert_eq!(db.rows("SELECT notes FROM tickets ORDER BY subject"), [["NULL"], ["slow"], ["jammed"]]);
    let notes = project.snapshot("tickets").columns.into_iter().find(|c| c.name == "notes").unwrap();
    assert!(notes.removed, "the snapshot remembers the column");

    // Again: nothing (the column is known to be kept).
    assert!(project.generate(&resources).is_empty());

    // With drop_columns, the drop is generated for real.
    project.generate_with(&resources, |o| o.drop_columns = true);
    let dropped = project.last_migration();
    assert_eq!(dropped.up, "ALTER TABLE \"tickets\" DROP COLUMN \"notes\";");
    assert_eq!(dropped.down, "ALTER TABLE \"tickets\" ADD COLUMN \"notes\" TEXT;");
    db.up(&dropped);
    assert_eq!(db.columns("tickets"), ["id", "author_id", "price", "subject"]);
    assert!(project.snapshot("tickets").columns.iter().all(|c| c.name != "notes"));
    assert!(project.generate_with(&resources, |o| o.drop_columns = true).is_empty());

    // Down brings the column back (its values are gone with the drop).
    db.down(&dropped);
    assert_eq!(db.rows("SELECT count(*), count(notes) FROM tickets"), [["3", "0"]]);
}

#[test]
fn nullability_and_type_changes_rebuild_the_table_keeping_rows_and_references() {
    let project = Project::new("altered");
    let db = v1_with_rows(&project);
    let tickets_before = db.sql_of("tickets");
    project.generate(&[altered::Author::info(), altered::Ticket::info()]);
    let migration = project.last_migration();
    assert_eq!(
        migration.up,
        r#"-- Rebuild "authors" (SQLite's ALTER TABLE cannot do it in place): column "bio" changes (NULL -> NOT NULL, default none -> '(none)'); column "score" changes (type INTEGER -> TEXT).
CREATE TABLE "_new_authors" (
  "id" TEXT NOT NULL PRIMARY KEY,
  "bio" TEXT NOT NULL DEFAULT '(none)',
  "name" TEXT NOT NULL,
  "score" TEXT
);
INSERT INTO "_new_authors" ("id", "bio", "name", "score") SELECT "id", IFNULL("bio", '(none)'), "name", "score" FROM "authors";
DROP TABLE "authors";
PRAGMA legacy_alter_table = ON;
ALTER TABLE "_new_authors" RENAME TO "authors";
PRAGMA legacy_alter_table = OFF;
CREATE UNIQUE INDEX "authors_unique_name_index" ON "authors" ("name");"#
    );
    db.up(&migration);
    assert_eq!(
        db.rows("SELECT name, bio, score, typeof(score) FROM authors ORDER BY name"),
        [["Ada", "(none)", "7", "text"], ["Bob", "hi", "NULL", "null"]]
    );
    // The tickets and their references are intact, and still enforced.
    assert_eq!(db.rows("SELECT count(*) FROM tickets JOIN authors ON authors.id = tickets.author_id"), [["3"]]);
    assert_eq!(db.foreign_key_violations(), Vec::<Vec<String>>::new());
    assert_eq!(db.sql_of("tickets"), tickets_before, "the referencing table is untouched");
    assert_eq!(db.indexes("authors"), ["authors_unique_name_index", "sqlite_autoindex_authors_1"]);
    let orphan = db.execute(
        "INSERT INTO tickets (id, subject, author_id) VALUES ('00000000-0000-0000-0000-000000000009', 'x', 'nobody')",
    );
    assert!(orphan.unwrap_err().contains("FOREIGN KEY constraint failed"));
    assert!(db.execute("INSERT INTO authors (id, name) VALUES ('c', 'Ada')").unwrap_err().contains("UNIQUE"));

    // Down rebuilds it back; the values stay as converted.
    db.down(&migration);
    assert_eq!(
        db.rows("SELECT name, bio, score, typeof(score) FROM authors ORDER BY name"),
        [["Ada", "(none)", "7", "integer"], ["Bob", "hi", "NULL", "null"]]
    );
    assert_eq!(db.foreign_key_violations(), Vec::<Vec<String>>::new());
    assert!(project.generate(&[altered::Author::info(), altered::Ticket::info()]).is_empty());
}

#[test]
fn a_new_identity_over_duplicate_rows_rolls_the_whole_migration_back() {
    let project = Project::new("identity");
    let db = v1_with_rows(&project);
    db.execute("UPDATE tickets SET subject = 'Printer' WHERE subject = 'Login'").unwrap();
    let schema_before = db.schema();
    project.generate(&[identities::Author::info(), identities::Ticket::info()]);
    let migration = project.last_migration();
    assert_eq!(
        migration.up,
        "ALTER TABLE \"tickets\" ADD COLUMN \"label\" TEXT;\n\
         CREATE UNIQUE INDEX \"tickets_one_note_per_author_index\" ON \"tickets\" (IFNULL(\"author_id\", x''), IFNULL(\"notes\", x''));\n\
         CREATE UNIQUE INDEX \"tickets_unique_subject_index\" ON \"tickets\" (\"subject\");"
    );
    let error = db.apply(&migration).unwrap_err();
    assert!(error.contains("UNIQUE constraint failed: tickets.subject"), "{error}");
    assert_eq!(db.schema(), schema_before, "nothing of the migration stays, not even its first ADD COLUMN");

    db.execute("UPDATE tickets SET subject = 'Login' WHERE notes IS NULL").unwrap();
    db.up(&migration);
    assert!(db.execute("INSERT INTO tickets (id, subject) VALUES ('t', 'Mail')").unwrap_err().contains("UNIQUE"));
    // Two keys, nils not distinct: Ada's second ticket without notes conflicts.
    let second = format!("INSERT INTO tickets (id, subject, author_id) VALUES ('u', 'Other', '{ADA}')");
    assert!(db.execute(&second).unwrap_err().contains("UNIQUE"));
    db.execute(&format!("INSERT INTO tickets (id, subject, author_id, notes) VALUES ('v', 'Other', '{ADA}', 'n')"))
        .unwrap();
    db.down(&migration);
    assert_eq!(db.indexes("tickets"), ["sqlite_autoindex_tickets_1"]);
}

#[test]
fn what_existing_rows_could_not_hold_is_refused() {
    let project = Project::new("refused");
    v1_with_rows(&project);
    assert_eq!(
        project.refusal(&[required_without_default::Author::info(), required_without_default::Ticket::info()]),
        "table `tickets`: the new column `opened_on` (attribute `opened_on` of Ticket) is NOT NULL without a \
         default, so the rows the table already holds would have no value for it (its `default` is computed per \
         record, which no migration can write into existing rows): give the column a default the database can \
         write (a constant `default`, or a `migration_defaults` entry such as `(opened_on, \"'none'\")`), or \
         allow nil"
    );
    assert_eq!(
        project.refusal(&[tightened_without_default::Author::info(), tightened_without_default::Ticket::info()]),
        "table `tickets`: the column `notes` (attribute `notes` of Ticket) becomes NOT NULL without a default, so \
         the rows holding NULL in it would have no value: give the column a default the database can write (a \
         constant `default`, or a `migration_defaults` entry such as `(notes, \"'none'\")`), or allow nil"
    );
    // Nothing was written.
    assert_eq!(project.migrations("repo").len(), 1);
}

#[test]
fn check_is_clean_after_generating_and_dirty_after_an_edit() {
    let project = Project::new("check");
    project.generate(&v1());
    let clean = project.generate_with(&v1(), |o| o.check = true);
    assert!(clean.is_empty());
    let edited = [added::Author::info(), added::Ticket::info()];
    let dirty = project.generate_with(&edited, |o| o.check = true);
    assert!(!dirty.is_empty());
    assert!(dirty.migration.is_some());
    // A check or a dry run writes nothing; the dry run shows the same files.
    let dry = project.generate_with(&edited, |o| o.dry_run = true);
    assert_eq!(
        dry.files.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        dirty.files.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    assert!(dry.files.iter().all(|(path, _)| !path.exists()));
    assert_eq!(project.migrations("repo").len(), 1);
    // A name that cannot be a file name is refused.
    let error = project.try_generate_with(&edited, |o| o.name = Some("add tickets".into())).unwrap_err();
    assert!(error.to_string().starts_with("`add tickets` cannot name a migration"), "{error}");
    let named = project.generate_with(&edited, |o| o.name = Some("add_priority".into()));
    assert!(named.migration.unwrap().to_string_lossy().ends_with("_add_priority.sql"));
}

#[test]
fn down_of_everything_then_up_again_gives_the_same_schema() {
    let project = Project::new("roundtrip");
    let db = v1_with_rows(&project);
    for resources in [
        [added::Author::info(), added::Ticket::info()],
        [identities::Author::info(), identities::Ticket::info()],
        [altered::Author::info(), altered::Ticket::info()],
    ] {
        project.generate_with(&resources, |o| o.drop_columns = true);
        db.up(&project.last_migration());
    }
    let migrations = project.migrations("repo");
    assert_eq!(migrations.len(), 4);
    let schema = db.schema();
    for migration in migrations.iter().rev() {
        db.down(migration);
    }
    assert_eq!(db.schema(), Vec::<Vec<String>>::new());
    for migration in &migrations {
        db.up(migration);
    }
    assert_eq!(db.schema(), schema);
}
