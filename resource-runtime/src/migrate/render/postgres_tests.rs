//! PostgreSQL's renderer on hand-written snapshots: every change in place,
//! foreign keys after every table's DDL, and the way back.

use super::postgres::primary_key_name;
use super::*;
use crate::migrate::diff::diff;
use crate::migrate::snapshot::{Deferral, OnAction, StatementSnapshot};

fn column(name: &str, sql_type: &str, not_null: bool, default: Option<&str>) -> ColumnSnapshot {
    ColumnSnapshot {
        name: name.into(),
        sql_type: sql_type.into(),
        collation: None,
        not_null,
        default: default.map(str::to_string),
        autoincrement: false,
        removed: false,
    }
}

/// `items (id uuid PRIMARY KEY, size bigint, title text NOT NULL)` with a
/// unique index on title.
fn items() -> TableSnapshot {
    let mut table = TableSnapshot::new("repo", "items");
    table.primary_key = vec!["id".into()];
    table.columns = vec![
        column("id", "uuid", true, None),
        column("size", "bigint", false, None),
        column("title", "text", true, None),
    ];
    table.indexes = vec![IndexSnapshot {
        name: "items_title_index".into(),
        unique: true,
        terms: vec!["\"title\"".into()],
        where_sql: None,
    }];
    table
}

fn owner_key() -> ForeignKeySnapshot {
    ForeignKeySnapshot {
        name: "items_owner_id_fkey".into(),
        column: "owner_id".into(),
        references_table: "owners".into(),
        references_column: "id".into(),
        on_delete: OnAction::SetNull,
        on_update: OnAction::NoAction,
        deferrable: Deferral::No,
    }
}

fn render(from: Option<&TableSnapshot>, to: Option<&TableSnapshot>) -> Sql {
    POSTGRES_MIGRATIONS.render(&diff(from, to).expect("a change")).unwrap()
}

#[test]
fn a_new_table_declares_its_foreign_keys_after_every_tables_ddl() {
    let mut table = items();
    table.columns.push(column("owner_id", "uuid", false, None));
    table.foreign_keys = vec![owner_key()];
    table.canonicalise();
    let sql = render(None, Some(&table));
    assert_eq!(
        sql.body,
        [
            "CREATE TABLE \"items\" (\n  \"id\" uuid NOT NULL PRIMARY KEY,\n  \"owner_id\" uuid,\n  \"size\" bigint,\n  \
             \"title\" text NOT NULL\n);",
            "CREATE UNIQUE INDEX \"items_title_index\" ON \"items\" (\"title\");",
        ]
    );
    assert_eq!(
        sql.link,
        ["ALTER TABLE \"items\" ADD CONSTRAINT \"items_owner_id_fkey\" FOREIGN KEY (\"owner_id\") REFERENCES \
          \"owners\" (\"id\") ON DELETE SET NULL;"]
    );
    let back = render(Some(&table), None);
    assert_eq!(back.unlink, ["ALTER TABLE \"items\" DROP CONSTRAINT \"items_owner_id_fkey\";"]);
    assert_eq!(back.body, ["DROP TABLE \"items\";"]);
}

#[test]
fn columns_are_added_and_dropped_in_place() {
    let mut to = items();
    to.columns.push(column("note", "text", true, Some("''")));
    to.columns.push(column("opened_at", "timestamptz", true, Some("now()")));
    to.columns.push(column("owner_id", "uuid", false, None));
    to.foreign_keys.push(owner_key());
    to.columns.retain(|c| c.name != "size");
    to.canonicalise();
    let sql = render(Some(&items()), Some(&to));
    assert_eq!(
        sql.body,
        [
            "ALTER TABLE \"items\" DROP COLUMN \"size\";",
            "ALTER TABLE \"items\" ADD COLUMN \"note\" text NOT NULL DEFAULT '';",
            "ALTER TABLE \"items\" ADD COLUMN \"opened_at\" timestamptz NOT NULL DEFAULT now();",
            "ALTER TABLE \"items\" ADD COLUMN \"owner_id\" uuid;",
        ]
    );
    assert_eq!(sql.link.len(), 1);
    let back = render(Some(&to), Some(&items()));
    assert_eq!(back.unlink, ["ALTER TABLE \"items\" DROP CONSTRAINT \"items_owner_id_fkey\";"]);
    assert_eq!(
        back.body,
        [
            "ALTER TABLE \"items\" DROP COLUMN \"note\";",
            "ALTER TABLE \"items\" DROP COLUMN \"opened_at\";",
            "ALTER TABLE \"items\" DROP COLUMN \"owner_id\";",
            "ALTER TABLE \"items\" ADD COLUMN \"size\" bigint;",
        ]
    );
}

#[test]
fn a_columns_type_nullability_and_default_are_altered_in_place() {
    let mut to = items();
    to.columns[1] = column("size", "numeric", true, Some("0"));
    to.columns[2] = ColumnSnapshot { collation: Some("\"C\"".into()), ..column("title", "text", false, Some("'?'")) };
    let sql = render(Some(&items()), Some(&to));
    assert_eq!(
        sql.body,
        [
            "ALTER TABLE \"items\" ALTER COLUMN \"size\" TYPE numeric USING \"size\"::numeric;",
            "ALTER TABLE \"items\" ALTER COLUMN \"size\" SET DEFAULT 0;",
            "UPDATE \"items\" SET \"size\" = 0 WHERE \"size\" IS NULL;",
            "ALTER TABLE \"items\" ALTER COLUMN \"size\" SET NOT NULL;",
            "ALTER TABLE \"items\" ALTER COLUMN \"title\" TYPE text COLLATE \"C\" USING \"title\"::text;",
            "ALTER TABLE \"items\" ALTER COLUMN \"title\" SET DEFAULT '?';",
            "ALTER TABLE \"items\" ALTER COLUMN \"title\" DROP NOT NULL;",
        ]
    );
    assert!(!sql.body.iter().any(|s| s.contains("_new_")), "no rebuild");
    let back = render(Some(&to), Some(&items()));
    assert_eq!(
        back.body[..3],
        [
            "ALTER TABLE \"items\" ALTER COLUMN \"size\" DROP DEFAULT;",
            "ALTER TABLE \"items\" ALTER COLUMN \"size\" TYPE bigint USING \"size\"::bigint;",
            "ALTER TABLE \"items\" ALTER COLUMN \"size\" DROP NOT NULL;",
        ]
    );
}

#[test]
fn the_primary_key_is_dropped_before_its_columns_change_and_added_after() {
    let mut to = items();
    to.primary_key = vec!["title".into(), "id".into()];
    let sql = render(Some(&items()), Some(&to));
    assert_eq!(
        sql.body,
        [
            "ALTER TABLE \"items\" DROP CONSTRAINT \"items_pkey\";",
            "ALTER TABLE \"items\" ADD CONSTRAINT \"items_pkey\" PRIMARY KEY (\"title\", \"id\");",
        ]
    );
    let long = "t".repeat(70);
    assert_eq!(primary_key_name(&long), format!("{}_pkey", "t".repeat(58)));
}

#[test]
fn an_autoincrement_key_becomes_an_identity_numbered_after_the_rows() {
    let mut from = items();
    from.columns[0] = column("id", "bigint", true, None);
    let mut to = from.clone();
    to.columns[0].autoincrement = true;
    let sql = render(Some(&from), Some(&to));
    assert_eq!(
        sql.body,
        [
            "ALTER TABLE \"items\" ALTER COLUMN \"id\" ADD GENERATED BY DEFAULT AS IDENTITY;",
            "SELECT setval(pg_get_serial_sequence('\"items\"', 'id'), COALESCE(MAX(\"id\"), 0) + 1, false) FROM \
             \"items\";",
        ]
    );
    assert_eq!(render(Some(&to), Some(&from)).body, ["ALTER TABLE \"items\" ALTER COLUMN \"id\" DROP IDENTITY;"]);
}

#[test]
fn indexes_and_foreign_keys_that_change_are_dropped_and_added() {
    let mut from = items();
    from.columns.push(column("owner_id", "uuid", false, None));
    from.foreign_keys.push(owner_key());
    from.canonicalise();
    let mut to = from.clone();
    to.indexes[0].where_sql = Some("\"size\" > 0".into());
    to.foreign_keys[0].on_delete = OnAction::Cascade;
    let sql = render(Some(&from), Some(&to));
    assert_eq!(sql.unlink, ["ALTER TABLE \"items\" DROP CONSTRAINT \"items_owner_id_fkey\";"]);
    assert_eq!(
        sql.body,
        [
            "DROP INDEX \"items_title_index\";",
            "CREATE UNIQUE INDEX \"items_title_index\" ON \"items\" (\"title\") WHERE \"size\" > 0;",
        ]
    );
    assert_eq!(
        sql.link,
        ["ALTER TABLE \"items\" ADD CONSTRAINT \"items_owner_id_fkey\" FOREIGN KEY (\"owner_id\") REFERENCES \
          \"owners\" (\"id\") ON DELETE CASCADE;"]
    );
}

#[test]
fn custom_statements_are_all_set_up_again_when_a_column_they_may_read_changes() {
    let view = StatementSnapshot {
        name: "big".into(),
        up: "CREATE VIEW big AS SELECT * FROM items WHERE size > 10".into(),
        down: "DROP VIEW big".into(),
    };
    let mut from = items();
    from.custom_statements = vec![view];
    // An added column reaches no statement.
    let mut to = from.clone();
    to.columns.push(column("note", "text", false, None));
    to.canonicalise();
    let sql = render(Some(&from), Some(&to));
    assert!(sql.teardown.is_empty() && sql.setup.is_empty(), "{sql:?}");
    // A retyped one may.
    let mut to = from.clone();
    to.columns[1].sql_type = "numeric".into();
    let sql = render(Some(&from), Some(&to));
    assert_eq!(sql.teardown, ["DROP VIEW big;"]);
    assert_eq!(sql.setup, ["CREATE VIEW big AS SELECT * FROM items WHERE size > 10;"]);
}
