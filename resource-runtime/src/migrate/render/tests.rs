//! SQLite's renderer on hand-written snapshots: what `ALTER TABLE` does in
//! place, what rebuilds and why, and what the generator refuses.

use super::*;
use crate::migrate::diff::{carry_removed, diff, refusals};
use crate::migrate::snapshot::{Deferral, Described, OnAction, StatementSnapshot};

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

fn index(name: &str, terms: &[&str], unique: bool) -> IndexSnapshot {
    IndexSnapshot { name: name.into(), unique, terms: terms.iter().map(|t| t.to_string()).collect(), where_sql: None }
}

/// `items (id TEXT PRIMARY KEY, title TEXT NOT NULL, size INTEGER)` with a
/// unique index on title.
fn items() -> TableSnapshot {
    let mut table = TableSnapshot::new("repo", "items");
    table.primary_key = vec!["id".into()];
    table.columns = vec![
        column("id", "TEXT", true, None),
        column("size", "INTEGER", false, None),
        column("title", "TEXT", true, None),
    ];
    table.indexes = vec![index("items_title_index", &["\"title\""], true)];
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

/// The `body` of the change from `from` to `to`.
fn up(from: &TableSnapshot, to: &TableSnapshot) -> Vec<String> {
    let change = diff(Some(from), Some(to)).expect("a change");
    SQLITE_MIGRATIONS.render(&change).unwrap().body
}

fn is_rebuild(body: &[String]) -> bool {
    body.iter().any(|sql| sql.starts_with("CREATE TABLE \"_new_"))
}

#[test]
fn a_new_table_has_its_primary_key_first_and_composite_keys_as_a_constraint() {
    let mut table = items();
    table.primary_key = vec!["title".into(), "id".into()];
    table.foreign_keys = vec![owner_key()];
    table.columns.push(column("owner_id", "TEXT", false, None));
    table.canonicalise();
    let change = diff(None, Some(&table)).unwrap();
    assert_eq!(
        SQLITE_MIGRATIONS.render(&change).unwrap().body,
        [
            "CREATE TABLE \"items\" (\n  \"title\" TEXT NOT NULL,\n  \"id\" TEXT NOT NULL,\n  \"owner_id\" TEXT,\n  \
             \"size\" INTEGER,\n  PRIMARY KEY (\"title\", \"id\"),\n  CONSTRAINT \"items_owner_id_fkey\" FOREIGN KEY \
             (\"owner_id\") REFERENCES \"owners\" (\"id\") ON DELETE SET NULL\n);",
            "CREATE UNIQUE INDEX \"items_title_index\" ON \"items\" (\"title\");",
        ]
    );
    let back = diff(Some(&table), None).unwrap();
    assert_eq!(SQLITE_MIGRATIONS.render(&back).unwrap().body, ["DROP TABLE \"items\";"]);
}

#[test]
fn add_column_is_used_where_sqlite_allows_it_on_a_table_with_rows() {
    let from = items();
    let mut to = items();
    to.columns.push(column("note", "TEXT", true, Some("''")));
    to.columns.push(column("owner_id", "TEXT", false, None));
    to.foreign_keys.push(owner_key());
    to.canonicalise();
    assert_eq!(
        up(&from, &to),
        [
            "ALTER TABLE \"items\" ADD COLUMN \"note\" TEXT NOT NULL DEFAULT '';",
            "ALTER TABLE \"items\" ADD COLUMN \"owner_id\" TEXT CONSTRAINT \"items_owner_id_fkey\" REFERENCES \"owners\" \
             (\"id\") ON DELETE SET NULL;",
        ]
    );
    // Back: the column goes with its reference (a column constraint DROP COLUMN accepts)?
    // No: the snapshot cannot tell a column constraint from a table one, so a dropped foreign key rebuilds.
    assert!(is_rebuild(&up(&to, &from)));
}

#[test]
fn columns_add_column_cannot_add_rebuild_the_table() {
    for (added, why) in [
        (column("seen", "TEXT", false, Some("CURRENT_TIMESTAMP")), "its default is not a constant"),
        (column("seen", "TEXT", false, Some("(datetime('now'))")), "its default is not a constant"),
        (column("seen", "TEXT", true, None), "it is NOT NULL without a default"),
    ] {
        let mut to = items();
        to.columns.push(added);
        to.canonicalise();
        let body = up(&items(), &to);
        assert!(is_rebuild(&body), "{body:?}");
        assert_eq!(
            body[0],
            format!(
                "-- Rebuild \"items\" (SQLite's ALTER TABLE cannot do it in place): column \"seen\" is added and ADD \
                 COLUMN cannot add it: {why}."
            )
        );
    }
    // A reference with a default.
    let mut to = items();
    to.columns.push(column("owner_id", "TEXT", false, Some("'x'")));
    to.foreign_keys.push(owner_key());
    to.canonicalise();
    assert!(up(&items(), &to)[0].ends_with("it references another table and has a default."));
}

#[test]
fn drop_column_is_used_unless_something_that_stays_uses_the_column() {
    let from = items();
    let mut to = items();
    to.columns.retain(|c| c.name != "size");
    assert_eq!(up(&from, &to), ["ALTER TABLE \"items\" DROP COLUMN \"size\";"]);

    // The index goes too: dropped first, then the column in place.
    let mut to = items();
    to.columns.retain(|c| c.name != "title");
    to.indexes.clear();
    assert_eq!(up(&from, &to), ["DROP INDEX \"items_title_index\";", "ALTER TABLE \"items\" DROP COLUMN \"title\";"]);

    // An index that stays names it (in an expression): a rebuild.
    let mut with_expression = items();
    with_expression.indexes.push(index("items_size_index", &["abs(size)"], false));
    with_expression.canonicalise();
    let mut to = with_expression.clone();
    to.columns.retain(|c| c.name != "size");
    let body = up(&with_expression, &to);
    assert!(
        body[0].ends_with("column \"size\" is dropped and DROP COLUMN cannot drop it: an index that stays uses it.")
    );

    // Custom statements may read it: a rebuild.
    let mut with_view = items();
    with_view.custom_statements.push(StatementSnapshot {
        name: "v".into(),
        up: "CREATE VIEW v AS SELECT 1".into(),
        down: "DROP VIEW v".into(),
    });
    let mut to = with_view.clone();
    to.columns.retain(|c| c.name != "size");
    let change = diff(Some(&with_view), Some(&to)).unwrap();
    let sql = SQLITE_MIGRATIONS.render(&change).unwrap();
    assert!(is_rebuild(&sql.body));
    assert_eq!(
        (sql.teardown, sql.setup),
        (vec!["DROP VIEW v;".to_string()], vec!["CREATE VIEW v AS SELECT 1;".to_string()])
    );
}

#[test]
fn sqlite_has_no_alter_index_so_a_renamed_or_changed_index_is_dropped_and_created() {
    let from = items();
    let mut renamed = items();
    renamed.indexes[0].name = "items_unique_title".into();
    assert_eq!(
        up(&from, &renamed),
        ["DROP INDEX \"items_title_index\";", "CREATE UNIQUE INDEX \"items_unique_title\" ON \"items\" (\"title\");",]
    );
    let mut partial = items();
    partial.indexes[0].where_sql = Some("size > 0".into());
    assert_eq!(
        up(&from, &partial),
        [
            "DROP INDEX \"items_title_index\";",
            "CREATE UNIQUE INDEX \"items_title_index\" ON \"items\" (\"title\") WHERE size > 0;",
        ]
    );
}

#[test]
fn a_primary_key_change_rebuilds_and_says_so() {
    let mut to = items();
    to.primary_key = vec!["title".into()];
    let body = up(&items(), &to);
    assert_eq!(
        body[0],
        "-- Rebuild \"items\" (SQLite's ALTER TABLE cannot do it in place): the primary key changes from (id) to (title)."
    );
    assert!(body[1].contains("\"title\" TEXT NOT NULL PRIMARY KEY"));
}

#[test]
fn custom_statements_tear_down_first_and_set_up_last() {
    let statement =
        |name: &str, up: &str| StatementSnapshot { name: name.into(), up: up.into(), down: format!("DROP {name}") };
    let mut from = items();
    from.custom_statements = vec![statement("a", "A1"), statement("b", "B"), statement("c", "C")];
    let mut to = items();
    to.custom_statements = vec![statement("a", "A2"), statement("c", "C"), statement("d", "D")];
    let change = diff(Some(&from), Some(&to)).unwrap();
    let sql = SQLITE_MIGRATIONS.render(&change).unwrap();
    assert_eq!(sql.teardown, ["DROP b;", "DROP a;"]);
    assert!(sql.body.is_empty());
    assert_eq!(sql.setup, ["A2;", "D;"]);
}

#[test]
fn removed_columns_are_kept_relaxed_and_commented() {
    let from = items();
    let mut desired = items();
    desired.columns.retain(|c| c.name != "title");
    desired.indexes.clear();
    let to = carry_removed(&from, &desired, false);
    let title = to.column("title").unwrap();
    assert!(title.removed && !title.not_null, "kept, and nullable so that creates without it work");
    let body = up(&from, &to);
    assert_eq!(
        body[0],
        "-- Rebuild \"items\" (SQLite's ALTER TABLE cannot do it in place): column \"title\" changes (NOT NULL -> NULL)."
    );
    assert!(is_rebuild(&body));
    assert!(!body.iter().any(|sql| sql.contains("items_title_index")), "the index goes with the old table");
    assert_eq!(
        body[body.len() - 2..],
        [
            "-- \"title\" is no longer an attribute: the column and its data stay until a generation with drop_columns drops it.",
            "-- ALTER TABLE \"items\" DROP COLUMN \"title\";",
        ]
    );
    // Kept again next time: nothing changes.
    assert_eq!(carry_removed(&to, &desired, false), to);
    // Dropped for real with drop_columns.
    assert!(carry_removed(&to, &desired, true).column("title").is_none());
}

#[test]
fn refusals_name_the_table_the_column_and_what_to_do() {
    let described = Described::default();
    let mut to = items();
    to.columns.push(column("code", "TEXT", true, None));
    to.canonicalise();
    let from = items();
    let Some(crate::migrate::diff::TableChange::Alter(table_diff)) = diff(Some(&from), Some(&to)) else { panic!() };
    assert_eq!(
        refusals(&table_diff, &described).unwrap_err().to_string(),
        "table `items`: the new column `code` (attribute `code`) is NOT NULL without a default, so the rows the \
         table already holds would have no value for it: give the column a default the database can write (a \
         constant `default`, or a `migration_defaults` entry such as `(code, \"'none'\")`), or allow nil"
    );
    let mut tightened = items();
    tightened.columns[1].not_null = true;
    let Some(crate::migrate::diff::TableChange::Alter(table_diff)) = diff(Some(&from), Some(&tightened)) else {
        panic!()
    };
    assert!(
        refusals(&table_diff, &described)
            .unwrap_err()
            .to_string()
            .starts_with("table `items`: the column `size` (attribute `size`) becomes NOT NULL without a default")
    );
    // With a default the NULLs are filled.
    tightened.columns[1].default = Some("0".into());
    let Some(crate::migrate::diff::TableChange::Alter(table_diff)) = diff(Some(&from), Some(&tightened)) else {
        panic!()
    };
    assert!(refusals(&table_diff, &described).is_ok());
    let body = up(&from, &tightened);
    assert!(body.contains(&"INSERT INTO \"_new_items\" (\"id\", \"size\", \"title\") SELECT \"id\", IFNULL(\"size\", 0), \"title\" FROM \"items\";".to_string()), "{body:#?}");
}
