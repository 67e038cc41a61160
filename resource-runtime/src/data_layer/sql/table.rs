//! The table a resource declares, in a dialect's terms: its columns, primary
//! key, foreign keys, indexes and custom statements, from the description
//! and its `sqlite { .. }` section (`declare.rs`). One builder for every
//! path that makes a schema: the SQL layer's `create_schema` runs
//! [`TableDef::create_statements`], and the migration generator's snapshots
//! are these tables (with a repo and a format), whose new tables it writes
//! with the same functions ([`create_table`], [`create_index`]). So a
//! database built by `create_schema` and one built by the generated
//! migration have the same `sqlite_master`.
//!
//! ```sql
//! CREATE TABLE "posts" (
//!   "id" TEXT NOT NULL PRIMARY KEY,
//!   "author_id" TEXT,
//!   "status" TEXT NOT NULL DEFAULT 'draft',
//!   "title" TEXT NOT NULL,
//!   CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE CASCADE
//! );
//! CREATE UNIQUE INDEX "posts_unique_title_index" ON "posts" ("title");
//! CREATE UNIQUE INDEX "posts_lower_title_index" ON "posts" (lower(title)) WHERE status <> 'draft';
//! CREATE INDEX "posts_author_id_index" ON "posts" ("author_id");
//! ```
//!
//! Columns come primary key first, then by name; foreign keys and indexes
//! by name; custom statements in declaration order, after everything else
//! (they may read any table).

mod declare;

pub use declare::{Declared, custom_index_name, declare, table_def};

use serde::{Deserialize, Serialize};

use crate::data_layer::sql::dialect::Dialect;
use crate::info::{Deferrable, ReferenceAction};

/// One table: what a schema holds for it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableDef {
    /// The table's name.
    pub table: String,
    /// The primary key's columns, in key order.
    pub primary_key: Vec<String>,
    /// The columns, sorted by name ([`TableDef::columns_in_ddl_order`] is
    /// the order the DDL declares them).
    pub columns: Vec<ColumnDef>,
    /// The foreign keys (table constraints), sorted by name.
    pub foreign_keys: Vec<ForeignKeyDef>,
    /// The indexes (identities', custom and references'), sorted by name.
    pub indexes: Vec<IndexDef>,
    /// The custom statements, in declaration order.
    pub custom_statements: Vec<StatementDef>,
}

/// One column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnDef {
    /// The column's name (the attribute's).
    pub name: String,
    /// The SQL type: the dialect's mapping of the attribute type, or the
    /// attribute's `migration_types` entry.
    #[serde(rename = "type")]
    pub sql_type: String,
    /// The collation (`ci` for ci_string, `decimal` for decimal).
    pub collation: Option<String>,
    /// `NOT NULL`.
    pub not_null: bool,
    /// The `DEFAULT`, as SQL: the `migration_defaults` entry verbatim, else
    /// the attribute's constant default as a literal, else none.
    pub default: Option<String>,
    /// `INTEGER PRIMARY KEY AUTOINCREMENT` (a generated integer primary key).
    pub autoincrement: bool,
    /// No resource declares the column any more, but it is still in the
    /// database with its data (the migration generator's mark: the removal
    /// was generated as a commented-out `DROP COLUMN`, and it stays until a
    /// generation with `drop_columns`). Never set for a declared column.
    pub removed: bool,
}

impl ColumnDef {
    /// Whether `other` declares the same column (the name and the
    /// `removed` mark aside).
    pub fn same_definition(&self, other: &ColumnDef) -> bool {
        self.sql_type == other.sql_type
            && self.collation == other.collation
            && self.not_null == other.not_null
            && self.default == other.default
            && self.autoincrement == other.autoincrement
    }
}

/// A foreign key: a `belongs_to` stored beside its destination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForeignKeyDef {
    /// The constraint's name.
    pub name: String,
    /// The referencing column.
    pub column: String,
    /// The referenced table.
    pub references_table: String,
    /// The referenced column.
    pub references_column: String,
    /// `ON DELETE`.
    pub on_delete: OnAction,
    /// `ON UPDATE`.
    pub on_update: OnAction,
    /// `DEFERRABLE ..`.
    pub deferrable: Deferral,
}

/// A foreign key's `ON DELETE` / `ON UPDATE`, by its SQL name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnAction {
    /// `NO ACTION` (Ash's `:nothing`, the default).
    NoAction,
    /// `CASCADE` (Ash's `:delete` / `:update`).
    Cascade,
    /// `SET NULL` (Ash's `:nilify`).
    SetNull,
    /// `RESTRICT`.
    Restrict,
}

impl OnAction {
    /// The SQL words, `None` for the default (`NO ACTION`, left unwritten).
    pub fn sql(self) -> Option<&'static str> {
        match self {
            OnAction::NoAction => None,
            OnAction::Cascade => Some("CASCADE"),
            OnAction::SetNull => Some("SET NULL"),
            OnAction::Restrict => Some("RESTRICT"),
        }
    }
}

impl From<ReferenceAction> for OnAction {
    fn from(action: ReferenceAction) -> OnAction {
        match action {
            ReferenceAction::Nothing => OnAction::NoAction,
            ReferenceAction::Cascade => OnAction::Cascade,
            ReferenceAction::Nilify => OnAction::SetNull,
            ReferenceAction::Restrict => OnAction::Restrict,
        }
    }
}

/// A foreign key's deferrability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deferral {
    /// Not deferrable (the default).
    No,
    /// `DEFERRABLE INITIALLY IMMEDIATE`.
    InitiallyImmediate,
    /// `DEFERRABLE INITIALLY DEFERRED`.
    InitiallyDeferred,
}

impl Deferral {
    /// The SQL words, `None` when not deferrable.
    pub fn sql(self) -> Option<&'static str> {
        match self {
            Deferral::No => None,
            Deferral::InitiallyImmediate => Some("DEFERRABLE INITIALLY IMMEDIATE"),
            Deferral::InitiallyDeferred => Some("DEFERRABLE INITIALLY DEFERRED"),
        }
    }
}

impl From<Deferrable> for Deferral {
    fn from(deferrable: Deferrable) -> Deferral {
        match deferrable {
            Deferrable::No => Deferral::No,
            Deferrable::Yes => Deferral::InitiallyImmediate,
            Deferrable::Initially => Deferral::InitiallyDeferred,
        }
    }
}

/// An index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexDef {
    /// The index's name (index names are unique in the whole database).
    pub name: String,
    /// `CREATE UNIQUE INDEX`.
    pub unique: bool,
    /// The indexed terms as SQL: quoted columns, or expressions
    /// (`IFNULL("col", x'')` for a nullable key of a `nils_distinct: false`
    /// identity, a custom index's raw SQL).
    pub terms: Vec<String>,
    /// A partial index's condition (`base_filter_sql` for identities, a
    /// custom index's `where`).
    #[serde(rename = "where")]
    pub where_sql: Option<String>,
}

impl IndexDef {
    /// Whether the index may read `column`: a term or its condition names
    /// it as an identifier (case-insensitively; a raw SQL term that names
    /// it in some other way is not seen).
    pub fn mentions(&self, column: &str) -> bool {
        let names = |sql: &str| {
            sql.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|word| word.eq_ignore_ascii_case(column))
        };
        self.terms.iter().any(|term| names(term)) || self.where_sql.as_deref().is_some_and(names)
    }
}

/// A custom statement (`custom_statements { statement NAME { up, down } }`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementDef {
    /// Its name, unique within the table.
    pub name: String,
    /// The SQL that sets it up.
    pub up: String,
    /// The SQL that tears it down.
    pub down: String,
}

/// The SQL that creates a table: the DDL, and the custom statements' `up`s,
/// which run after every table's DDL (they may read any table).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableSql {
    /// `CREATE TABLE`, then each `CREATE INDEX`.
    pub ddl: Vec<String>,
    /// Each custom statement's `up`, in order.
    pub setup: Vec<String>,
}

impl TableDef {
    /// An empty table called `table`.
    pub fn new(table: &str) -> TableDef {
        TableDef { table: table.to_string(), ..TableDef::default() }
    }

    /// The column called `name`.
    pub fn column(&self, name: &str) -> Option<&ColumnDef> {
        self.columns.iter().find(|column| column.name == name)
    }

    /// The index called `name`.
    pub fn index(&self, name: &str) -> Option<&IndexDef> {
        self.indexes.iter().find(|index| index.name == name)
    }

    /// The columns in the order the DDL declares them: the primary key's
    /// (in key order), then the others by name.
    pub fn columns_in_ddl_order(&self) -> Vec<&ColumnDef> {
        columns_in_ddl_order(&self.primary_key, &self.columns)
    }

    /// Sorts what the canonical form sorts: columns, foreign keys and indexes by name.
    pub fn canonicalise(&mut self) {
        self.columns.sort_by(|a, b| a.name.cmp(&b.name));
        self.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
        self.indexes.sort_by(|a, b| a.name.cmp(&b.name));
    }

    /// `CREATE TABLE ["IF NOT EXISTS"] "table" (..);` ([`create_table`]).
    pub fn create_table_sql(&self, dialect: &dyn Dialect, if_not_exists: bool) -> String {
        let columns = self.columns_in_ddl_order();
        create_table(dialect, &self.table, &self.primary_key, &columns, &self.foreign_keys, if_not_exists)
    }

    /// What creates the table on an empty database: the table, its
    /// indexes, and its custom statements' `up`s (to run after every
    /// table's DDL). What the migration generator writes for a new table.
    pub fn create_statements(&self, dialect: &dyn Dialect, if_not_exists: bool) -> TableSql {
        let mut ddl = vec![self.create_table_sql(dialect, if_not_exists)];
        ddl.extend(self.indexes.iter().map(|index| create_index(dialect, &self.table, index, if_not_exists)));
        TableSql { ddl, setup: set_up(&self.custom_statements) }
    }

    /// [`TableDef::create_statements`] for a database that checks a
    /// reference when it is declared (PostgreSQL: the table it names must
    /// exist): the table without its foreign keys and its indexes, and
    /// apart, each foreign key as `ALTER TABLE .. ADD CONSTRAINT`, to run
    /// after every table's DDL. The catalog is the same as with the
    /// constraints inline.
    pub fn create_statements_then_references(&self, dialect: &dyn Dialect) -> (TableSql, Vec<String>) {
        let columns = self.columns_in_ddl_order();
        let mut ddl = vec![create_table(dialect, &self.table, &self.primary_key, &columns, &[], false)];
        ddl.extend(self.indexes.iter().map(|index| create_index(dialect, &self.table, index, false)));
        let references = self.foreign_keys.iter().map(|key| add_foreign_key(dialect, &self.table, key)).collect();
        (TableSql { ddl, setup: set_up(&self.custom_statements) }, references)
    }
}

/// `columns` in DDL order: the primary key's (in key order), then the
/// others in their order (by name in a canonical table).
pub fn columns_in_ddl_order<'a>(primary_key: &[String], columns: &'a [ColumnDef]) -> Vec<&'a ColumnDef> {
    let column = |name: &String| columns.iter().find(|column| column.name == *name);
    let mut ordered: Vec<&ColumnDef> = primary_key.iter().filter_map(column).collect();
    ordered.extend(columns.iter().filter(|column| !primary_key.contains(&column.name)));
    ordered
}

/// A statement (or several, a custom statement's) ending in `;`.
pub fn statement(sql: &str) -> String {
    let sql = sql.trim();
    if sql.ends_with(';') { sql.to_string() } else { format!("{sql};") }
}

/// The `up` of each statement, in order.
pub fn set_up<'a>(statements: impl IntoIterator<Item = &'a StatementDef>) -> Vec<String> {
    statements.into_iter().filter(|s| !s.up.trim().is_empty()).map(|s| statement(&s.up)).collect()
}

/// The `down` of each statement, in reverse order (the last set up is the
/// first torn down).
pub fn tear_down<'a>(statements: impl IntoIterator<Item = &'a StatementDef>) -> Vec<String> {
    let mut downs: Vec<String> =
        statements.into_iter().filter(|s| !s.down.trim().is_empty()).map(|s| statement(&s.down)).collect();
    downs.reverse();
    downs
}

/// `"name" TYPE [COLLATE c] [NOT NULL] [DEFAULT d] [PRIMARY KEY [AUTOINCREMENT]]`:
/// `inline_primary_key` when the column alone is the primary key. NOT NULL
/// is implied (and left out) for an autoincrement key.
pub fn column_definition(dialect: &dyn Dialect, column: &ColumnDef, inline_primary_key: bool) -> String {
    let mut sql = format!("{} {}", dialect.quote_ident(&column.name), column.sql_type);
    if let Some(collation) = &column.collation {
        sql.push_str(" COLLATE ");
        sql.push_str(collation);
    }
    if column.not_null && !column.autoincrement {
        sql.push_str(" NOT NULL");
    }
    if let Some(default) = &column.default {
        sql.push_str(" DEFAULT ");
        sql.push_str(default);
    }
    if inline_primary_key {
        sql.push_str(" PRIMARY KEY");
        if column.autoincrement {
            sql.push_str(dialect.autoincrement());
        }
    }
    sql
}

/// The `ON DELETE .. ON UPDATE .. DEFERRABLE ..` tail of a reference
/// (`NO ACTION` and not deferrable left unwritten).
fn reference_actions(foreign_key: &ForeignKeyDef) -> String {
    let mut sql = String::new();
    for (event, action) in [("DELETE", foreign_key.on_delete), ("UPDATE", foreign_key.on_update)] {
        if let Some(action) = action.sql() {
            sql.push_str(&format!(" ON {event} {action}"));
        }
    }
    if let Some(deferrable) = foreign_key.deferrable.sql() {
        sql.push(' ');
        sql.push_str(deferrable);
    }
    sql
}

/// `CONSTRAINT "n" FOREIGN KEY ("col") REFERENCES "t" ("id") [ON DELETE ..]`:
/// a table constraint.
pub fn foreign_key_clause(dialect: &dyn Dialect, foreign_key: &ForeignKeyDef) -> String {
    format!(
        "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({}){}",
        dialect.quote_ident(&foreign_key.name),
        dialect.quote_ident(&foreign_key.column),
        dialect.quote_ident(&foreign_key.references_table),
        dialect.quote_ident(&foreign_key.references_column),
        reference_actions(foreign_key)
    )
}

/// `ALTER TABLE "t" ADD CONSTRAINT "n" FOREIGN KEY ("col") REFERENCES ..;`
pub fn add_foreign_key(dialect: &dyn Dialect, table: &str, foreign_key: &ForeignKeyDef) -> String {
    format!("ALTER TABLE {} ADD {};", dialect.quote_ident(table), foreign_key_clause(dialect, foreign_key))
}

/// `ALTER TABLE "t" DROP CONSTRAINT "n";`
pub fn drop_constraint(dialect: &dyn Dialect, table: &str, name: &str) -> String {
    format!("ALTER TABLE {} DROP CONSTRAINT {};", dialect.quote_ident(table), dialect.quote_ident(name))
}

/// `CONSTRAINT "n" REFERENCES "t" ("id") [ON DELETE ..]`: the same
/// reference as a column constraint (for `ADD COLUMN`).
pub fn references_clause(dialect: &dyn Dialect, foreign_key: &ForeignKeyDef) -> String {
    format!(
        "CONSTRAINT {} REFERENCES {} ({}){}",
        dialect.quote_ident(&foreign_key.name),
        dialect.quote_ident(&foreign_key.references_table),
        dialect.quote_ident(&foreign_key.references_column),
        reference_actions(foreign_key)
    )
}

/// `CREATE TABLE ["IF NOT EXISTS"] "name" (..);` with the columns in the
/// order given (DDL order), a composite primary key and the foreign keys
/// as table constraints. `name` is the table's own name, or the temporary
/// name of a migration's rebuild (references to the table itself keep its
/// real name).
pub fn create_table(
    dialect: &dyn Dialect,
    name: &str,
    primary_key: &[String],
    columns: &[&ColumnDef],
    foreign_keys: &[ForeignKeyDef],
    if_not_exists: bool,
) -> String {
    let inline = primary_key.len() == 1;
    let mut parts: Vec<String> = columns
        .iter()
        .map(|column| column_definition(dialect, column, inline && primary_key[0] == column.name))
        .collect();
    if !inline {
        let keys: Vec<String> = primary_key.iter().map(|key| dialect.quote_ident(key)).collect();
        parts.push(format!("PRIMARY KEY ({})", keys.join(", ")));
    }
    parts.extend(foreign_keys.iter().map(|foreign_key| foreign_key_clause(dialect, foreign_key)));
    let exists = if if_not_exists { "IF NOT EXISTS " } else { "" };
    format!("CREATE TABLE {exists}{} (\n  {}\n);", dialect.quote_ident(name), parts.join(",\n  "))
}

/// `CREATE [UNIQUE] INDEX ["IF NOT EXISTS"] "name" ON "table" (terms) [WHERE ..];`
pub fn create_index(dialect: &dyn Dialect, table: &str, index: &IndexDef, if_not_exists: bool) -> String {
    let unique = if index.unique { "UNIQUE " } else { "" };
    let exists = if if_not_exists { "IF NOT EXISTS " } else { "" };
    let mut sql = format!(
        "CREATE {unique}INDEX {exists}{} ON {} ({})",
        dialect.quote_ident(&index.name),
        dialect.quote_ident(table),
        index.terms.join(", ")
    );
    if let Some(condition) = &index.where_sql {
        sql.push_str(" WHERE ");
        sql.push_str(condition);
    }
    sql.push(';');
    sql
}
