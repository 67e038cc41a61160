//! The migration generator on hand-written descriptions: the SQL section's
//! options (references with `on_delete`, custom indexes, custom statements,
//! repos, `migrate: false`) pinned at the runtime's level, without the
//! macros, on databases that hold rows. The same options through the
//! macros are in `migrations_sqlite_section.rs`; the evolutions of resources
//! declared with the macros in `migrations_generate.rs`.

mod migrations_common;

use migrations_common::{Db, Project};

/// Descriptions written by hand (references, custom indexes and
/// statements, repos): the runtime's reading of them, without the macros
/// (`migrations_sqlite_section.rs` declares them through the macros).
mod hand {
    use resource::info::{
        AttributeInfo, CustomIndex, CustomStatement, DataLayerKind, IndexField, Reference, ReferenceAction,
        RelationshipInfo, RelationshipKind, Repo, ResourceInfo, SqlInfo, Type, repo_id,
    };

    const fn attr(name: &'static str, ty: Type, allow_nil: bool) -> AttributeInfo {
        AttributeInfo { allow_nil, ..AttributeInfo::new(name, ty) }
    }

    /// A generated integer key: `INTEGER PRIMARY KEY AUTOINCREMENT`.
    const ID: AttributeInfo = AttributeInfo {
        allow_nil: false,
        primary_key: true,
        generated: true,
        writable: false,
        ..AttributeInfo::new("id", Type::Integer)
    };

    pub static PARENT: ResourceInfo = ResourceInfo {
        sql: SqlInfo { table: Some("parents"), ..SqlInfo::DEFAULT },
        attributes: &[ID, attr("name", Type::String, true)],
        ..ResourceInfo::new("Parent", DataLayerKind::Sqlite)
    };

    /// The name becomes required, its NULLs filled with `'?'`: a rebuild.
    pub static PARENT_V2: ResourceInfo = ResourceInfo {
        sql: SqlInfo { table: Some("parents"), migration_defaults: &[("name", "'?'")], ..SqlInfo::DEFAULT },
        attributes: &[ID, attr("name", Type::String, false)],
        ..ResourceInfo::new("Parent", DataLayerKind::Sqlite)
    };

    fn parent_info() -> &'static ResourceInfo {
        &PARENT
    }

    const PARENT_RELATIONSHIP: &[RelationshipInfo] = &[RelationshipInfo {
        name: "parent",
        kind: RelationshipKind::BelongsTo,
        destination: parent_info,
        source_attribute: "parent_id",
        destination_attribute: "id",
        through: None,
        context_table: None,
        allow_nil: true,
        public: true,
        description: None,
    }];

    const CHILD_ATTRIBUTES: &[AttributeInfo] =
        &[ID, attr("name", Type::String, false), attr("parent_id", Type::Integer, true)];

    const fn reference(on_delete: ReferenceAction) -> Reference {
        Reference {
            relationship: "parent",
            on_delete: Some(on_delete),
            on_update: None,
            deferrable: resource::info::Deferrable::No,
            name: None,
            ignore: false,
            index: true,
        }
    }

    const NAMED_INDEX: &[CustomIndex] = &[CustomIndex {
        fields: &[IndexField::Sql("lower(name)")],
        name: Some("children_named_index"),
        unique: false,
        where_sql: Some("parent_id IS NOT NULL"),
        message: None,
        include: &[],
        using: None,
    }];

    const TRIGGER: CustomStatement = CustomStatement {
        name: "count_children",
        up: "CREATE TRIGGER children_counted AFTER INSERT ON children BEGIN \
             UPDATE parents SET name = name || '+' WHERE id = NEW.parent_id; END",
        down: "DROP TRIGGER children_counted",
    };

    const VIEW_V1: CustomStatement = CustomStatement {
        name: "names",
        up: "CREATE VIEW child_names AS SELECT name FROM children",
        down: "DROP VIEW child_names",
    };

    const VIEW_V2: CustomStatement = CustomStatement {
        name: "names",
        up: "CREATE VIEW child_names AS SELECT upper(name) AS name FROM children",
        down: "DROP VIEW child_names;",
    };

    const CASCADE: &[Reference] = &[reference(ReferenceAction::Cascade)];
    const NILIFY: &[Reference] = &[reference(ReferenceAction::Nilify)];

    const fn child(references: &'static [Reference], statements: &'static [CustomStatement]) -> ResourceInfo {
        ResourceInfo {
            sql: SqlInfo {
                table: Some("children"),
                references,
                custom_indexes: NAMED_INDEX,
                custom_statements: statements,
                ..SqlInfo::DEFAULT
            },
            attributes: CHILD_ATTRIBUTES,
            relationships: PARENT_RELATIONSHIP,
            ..ResourceInfo::new("Child", DataLayerKind::Sqlite)
        }
    }

    /// Children deleted with their parent; a partial expression index, a
    /// trigger and a view.
    pub static CHILD: ResourceInfo = child(CASCADE, &[TRIGGER, VIEW_V1]);
    /// The view changes.
    pub static CHILD_NEW_VIEW: ResourceInfo = child(CASCADE, &[TRIGGER, VIEW_V2]);
    /// Children outlive their parent, their key set to NULL: a rebuild.
    pub static CHILD_NILIFIED: ResourceInfo = child(NILIFY, &[TRIGGER, VIEW_V2]);

    /// A second database.
    pub struct HelpdeskRepo;
    impl Repo for HelpdeskRepo {}

    pub static NOTE: ResourceInfo = ResourceInfo {
        sql: SqlInfo { table: Some("notes"), repo: Some(repo_id::<HelpdeskRepo>), ..SqlInfo::DEFAULT },
        attributes: &[ID, attr("body", Type::String, true)],
        ..ResourceInfo::new("Note", DataLayerKind::Sqlite)
    };

    /// Left out of migrations.
    pub static UNMIGRATED: ResourceInfo = ResourceInfo {
        sql: SqlInfo { table: Some("legacy"), migrate: false, ..SqlInfo::DEFAULT },
        attributes: &[ID],
        ..ResourceInfo::new("Legacy", DataLayerKind::Sqlite)
    };

    /// In memory: no table.
    pub static IN_MEMORY: ResourceInfo =
        ResourceInfo { attributes: &[ID], ..ResourceInfo::new("Cache", DataLayerKind::Ets) };
}

fn family(db: &Db) {
    db.execute(
        "INSERT INTO parents (name) VALUES ('p1'), (NULL), ('p3');
         DELETE FROM parents WHERE id = 3;
         INSERT INTO children (name, parent_id) VALUES ('a', 1), ('b', 2), ('c', 2);",
    )
    .unwrap();
}

#[test]
fn a_reference_with_on_delete_a_custom_index_and_statements() {
    let project = Project::new("reference");
    let db = Db::new();
    project.generate(&[&hand::PARENT, &hand::CHILD]);
    let migration = project.last_migration();
    assert!(migration.up.contains(
        "  CONSTRAINT \"children_parent_id_fkey\" FOREIGN KEY (\"parent_id\") REFERENCES \"parents\" (\"id\") ON DELETE CASCADE\n);"
    ), "{}", migration.up);
    assert!(migration.up.ends_with(
        "CREATE TRIGGER children_counted AFTER INSERT ON children BEGIN UPDATE parents SET name = name || '+' WHERE id = NEW.parent_id; END;\n\
         CREATE VIEW child_names AS SELECT name FROM children;"
    ), "custom statements come last: {}", migration.up);
    assert!(
        migration.down.starts_with("DROP VIEW child_names;\nDROP TRIGGER children_counted;\n\n"),
        "{}",
        migration.down
    );
    db.up(&migration);
    assert_eq!(
        db.sql_of("parents"),
        "CREATE TABLE \"parents\" (\n  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT,\n  \"name\" TEXT\n)"
    );
    assert_eq!(
        db.sql_of("children_named_index"),
        "CREATE INDEX \"children_named_index\" ON \"children\" (lower(name)) WHERE parent_id IS NOT NULL"
    );
    assert_eq!(
        db.sql_of("children_parent_id_index"),
        "CREATE INDEX \"children_parent_id_index\" ON \"children\" (\"parent_id\")"
    );
    family(&db);
    assert_eq!(db.rows("SELECT name FROM parents ORDER BY id"), [["p1+"], ["NULL"]]);
    db.execute("DELETE FROM parents WHERE id = 1").unwrap();
    assert_eq!(db.rows("SELECT name FROM child_names ORDER BY name"), [["b"], ["c"]], "a's parent took it along");

    // The view changes: its old down, then its new up; the rest stays.
    project.generate(&[&hand::PARENT, &hand::CHILD_NEW_VIEW]);
    let new_view = project.last_migration();
    assert_eq!(
        new_view.up,
        "DROP VIEW child_names;\n\nCREATE VIEW child_names AS SELECT upper(name) AS name FROM children;"
    );
    assert_eq!(new_view.down, "DROP VIEW child_names;\n\nCREATE VIEW child_names AS SELECT name FROM children;");
    db.up(&new_view);
    assert_eq!(db.rows("SELECT name FROM child_names ORDER BY name"), [["B"], ["C"]]);

    // SET NULL instead of CASCADE: the children table is rebuilt, its
    // statements torn down and set up again around it (a trigger would go
    // with the old table), every index created again.
    project.generate(&[&hand::PARENT, &hand::CHILD_NILIFIED]);
    let nilified = project.last_migration();
    assert!(nilified.up.starts_with(
        "DROP VIEW child_names;\nDROP TRIGGER children_counted;\n\n-- Rebuild \"children\" (SQLite's ALTER TABLE cannot do it in place): foreign key \"children_parent_id_fkey\" changes.\n"
    ), "{}", nilified.up);
    let indexes_before = db.indexes("children");
    db.up(&nilified);
    assert_eq!(db.indexes("children"), indexes_before);
    assert!(db.sql_of("children").contains("ON DELETE SET NULL"));
    assert_eq!(db.foreign_key_violations(), Vec::<Vec<String>>::new());
    db.execute("DELETE FROM parents WHERE id = 2").unwrap();
    assert_eq!(db.rows("SELECT name, parent_id FROM children ORDER BY name"), [["b", "NULL"], ["c", "NULL"]]);
    db.execute("INSERT INTO parents (name) VALUES ('p4'); INSERT INTO children (name, parent_id) VALUES ('d', 4)")
        .unwrap();
    assert_eq!(db.rows("SELECT name FROM parents WHERE id = 4"), [["p4+"]], "the trigger is back");

    db.down(&nilified);
    assert!(db.sql_of("children").contains("ON DELETE CASCADE"));
    assert_eq!(db.indexes("children"), indexes_before);
    assert!(project.generate(&[&hand::PARENT, &hand::CHILD_NILIFIED]).is_empty());
}

#[test]
fn a_rebuild_keeps_the_autoincrement_sequence_and_fills_nulls_with_the_default() {
    let project = Project::new("sequence");
    let db = Db::new();
    project.generate(&[&hand::PARENT, &hand::CHILD]);
    db.up(&project.last_migration());
    family(&db);
    project.generate(&[&hand::PARENT_V2, &hand::CHILD]);
    let migration = project.last_migration();
    assert!(migration.up.contains(
        "INSERT INTO \"_new_parents\" (\"id\", \"name\") SELECT \"id\", IFNULL(\"name\", '?') FROM \"parents\";\n\
         -- Keep the AUTOINCREMENT sequence (ids of deleted rows are not given again).\n\
         DELETE FROM sqlite_sequence WHERE name = '_new_parents';\n\
         INSERT INTO sqlite_sequence (name, seq) SELECT '_new_parents', seq FROM sqlite_sequence WHERE name = 'parents';\n\
         DROP TABLE \"parents\";"
    ), "{}", migration.up);
    let others = |db: &Db| db.schema().into_iter().filter(|row| row[2] != "parents").collect::<Vec<_>>();
    let children_before = others(&db);
    db.up(&migration);
    assert_eq!(others(&db), children_before, "the children's table, indexes, trigger and view are untouched");
    assert_eq!(db.rows("SELECT id, name FROM parents ORDER BY id"), [["1", "p1+"], ["2", "?"]]);
    db.execute("INSERT INTO parents (name) VALUES ('p4')").unwrap();
    assert_eq!(db.rows("SELECT max(id) FROM parents"), [["4"]], "id 3 is not given again");
    assert_eq!(db.rows("SELECT count(*) FROM children WHERE parent_id IS NOT NULL"), [["3"]]);
    assert_eq!(db.foreign_key_violations(), Vec::<Vec<String>>::new());
    db.down(&migration);
    assert_eq!(db.rows("SELECT seq FROM sqlite_sequence WHERE name = 'parents'"), [["4"]]);
}

#[test]
fn resources_are_grouped_by_repo_and_others_left_out() {
    let project = Project::new("repos");
    let all = [&hand::PARENT, &hand::NOTE, &hand::UNMIGRATED, &hand::IN_MEMORY];
    let repos = project.try_generate_with(&all, |_| {}).unwrap();
    let names: Vec<&str> = repos.iter().map(|(repo, _)| repo.as_str()).collect();
    assert_eq!(names, ["helpdesk_repo", "repo"]);
    assert_eq!(resource::migrate::repo_name(&hand::NOTE), "helpdesk_repo");
    let helpdesk = &repos[0].1;
    assert!(helpdesk.migration.as_ref().unwrap().starts_with(project.path("priv/helpdesk_repo/migrations")));
    assert!(helpdesk.files.iter().any(|(path, _)| path.starts_with(project.path("snapshots/helpdesk_repo/notes"))));
    let repo = &repos[1].1;
    assert!(repo.files.iter().all(|(_, text)| !text.contains("legacy") && !text.contains("Cache")));
    assert!(project.try_generate_with(&all, |_| {}).unwrap().iter().all(|(_, generated)| generated.is_empty()));
}
