//! DDL from a `ResourceInfo` in a [`Dialect`]: pure functions, no
//! connection, so that the migration generator can reuse them (for
//! snapshots and for the SQL it writes). In SQLite's dialect:
//!
//! ```sql
//! CREATE TABLE IF NOT EXISTS "accounts" (
//!   "id" TEXT NOT NULL PRIMARY KEY,
//!   "email" TEXT COLLATE NOCASE NOT NULL,
//!   "price" TEXT COLLATE decimal,
//!   "visits" INTEGER NOT NULL
//! );
//! CREATE UNIQUE INDEX IF NOT EXISTS "accounts_unique_email_index" ON "accounts" ("email");
//! ```
//!
//! Identities with `nils_distinct: false` index `IFNULL("col", x'')` for each
//! nullable key: SQLite treats NULLs in a unique index as distinct, and a
//! zero-length blob equals no value this layer stores (they are never blobs),
//! so a nil then conflicts with a nil and with nothing else (the dialect's
//! [`Dialect::nil_key_sentinel`]).
//!
//! A `belongs_to` stored beside its destination ([`foreign_keys`]) is a table
//! constraint after the columns, with its reference's options:
//!
//! ```sql
//! CREATE TABLE IF NOT EXISTS "posts" (
//!   "id" TEXT NOT NULL PRIMARY KEY,
//!   "author_id" TEXT,
//!   CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE CASCADE
//! );
//! CREATE INDEX IF NOT EXISTS "posts_author_id_index" ON "posts" ("author_id");
//! ```

use crate::data_layer::layer::Target;
use crate::data_layer::sql::dialect::Dialect;
use crate::info::error::{Error, Result};
use crate::info::types::Type;
use crate::info::{AttributeInfo, Deferrable, IdentityInfo, ReferenceAction, ResourceInfo};

/// The rule for which `belongs_to` become foreign keys is shared with the
/// layers that check them in memory (`data_layer/foreign_key.rs`).
pub use crate::data_layer::foreign_key::{ForeignKey, foreign_keys};

/// A column as it is declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The column's name: the attribute's.
    pub name: &'static str,
    /// The storage type: `TEXT`, `INTEGER` or `REAL`.
    pub sql_type: &'static str,
    /// `NOCASE` for ci_string, `decimal` for decimal.
    pub collation: Option<&'static str>,
    /// `NOT NULL`: the attribute does not allow nil, or is part of the
    /// primary key (left out of the definition for an autoincrement column).
    pub not_null: bool,
    /// The column alone is the primary key (declared inline).
    pub primary_key: bool,
    /// `INTEGER PRIMARY KEY AUTOINCREMENT`: SQLite fills it when NULL is inserted.
    pub autoincrement: bool,
}

impl Column {
    /// `"email" TEXT COLLATE NOCASE NOT NULL`.
    pub fn definition(&self, dialect: &dyn Dialect) -> String {
        let mut sql = format!("{} {}", dialect.quote_ident(self.name), self.sql_type);
        if let Some(collation) = self.collation {
            sql.push_str(" COLLATE ");
            sql.push_str(collation);
        }
        if self.not_null && !self.autoincrement {
            sql.push_str(" NOT NULL");
        }
        if self.primary_key {
            sql.push_str(" PRIMARY KEY");
        }
        if self.autoincrement {
            sql.push_str(" AUTOINCREMENT");
        }
        sql
    }
}

/// The columns of a resource's table, in attribute order.
pub fn columns(dialect: &dyn Dialect, resource: &ResourceInfo) -> Vec<Column> {
    let single_pk = resource.attributes.iter().filter(|a| a.primary_key).count() == 1;
    resource.attributes.iter().map(|attribute| column(dialect, attribute, single_pk)).collect()
}

fn column(dialect: &dyn Dialect, attribute: &AttributeInfo, single_pk: bool) -> Column {
    let (sql_type, collation) = dialect.column_type(attribute.ty);
    let primary_key = attribute.primary_key && single_pk;
    Column {
        name: attribute.name,
        sql_type,
        collation,
        not_null: !attribute.allow_nil || attribute.primary_key,
        primary_key,
        autoincrement: primary_key && attribute.generated && attribute.ty == Type::Integer,
    }
}

/// `CREATE TABLE ["IF NOT EXISTS"] "table" (..)`. A composite primary key is
/// a table constraint, and so is each foreign key ([`foreign_keys`], after
/// the columns, in relationship order). Errors if the resource has no
/// primary key.
pub fn create_table(dialect: &dyn Dialect, target: Target<'_>, if_not_exists: bool) -> Result<String> {
    let resource = target.resource;
    let pk: Vec<&str> = resource.attributes.iter().filter(|a| a.primary_key).map(|a| a.name).collect();
    if pk.is_empty() {
        return Err(Error::DataLayer(format!("resource {} has no primary key", resource.name)));
    }
    let mut parts: Vec<String> = columns(dialect, resource).iter().map(|c| c.definition(dialect)).collect();
    if pk.len() > 1 {
        let keys: Vec<String> = pk.iter().map(|k| dialect.quote_ident(k)).collect();
        parts.push(format!("PRIMARY KEY ({})", keys.join(", ")));
    }
    parts.extend(foreign_keys(target).iter().map(|key| key.clause(dialect)));
    let exists = if if_not_exists { "IF NOT EXISTS " } else { "" };
    let table = dialect.quote_ident(target.table_name());
    Ok(format!("CREATE TABLE {exists}{table} (\n  {}\n)", parts.join(",\n  ")))
}

/// Ash's name for an identity's index: `<table>_<identity>_index`.
pub fn identity_index_name(target: Target<'_>, identity: &IdentityInfo) -> String {
    format!("{}_{}_index", target.table_name(), identity.name)
}

/// A unique index on an identity's keys.
#[derive(Clone)]
pub struct UniqueIndex {
    /// The dialect its SQL is written in.
    pub dialect: &'static dyn Dialect,
    /// The index's name, Ash's `<table>_<identity>_index`.
    pub name: String,
    /// The table it indexes (the target's table name).
    pub table: String,
    /// The identity's name.
    pub identity: &'static str,
    /// The identity's key attributes, in order.
    pub keys: Vec<&'static str>,
    /// The indexed terms as SQL: a quoted column, or `IFNULL("col", x'') COLLATE ..`
    /// for a nullable key of a `nils_distinct: false` identity.
    pub terms: Vec<String>,
}

impl std::fmt::Debug for UniqueIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UniqueIndex")
            .field("dialect", &self.dialect.name())
            .field("name", &self.name)
            .field("table", &self.table)
            .field("identity", &self.identity)
            .field("keys", &self.keys)
            .field("terms", &self.terms)
            .finish()
    }
}

impl UniqueIndex {
    /// `CREATE UNIQUE INDEX ["IF NOT EXISTS"] "name" ON "table" (terms)`.
    pub fn create_sql(&self, if_not_exists: bool) -> String {
        let exists = if if_not_exists { "IF NOT EXISTS " } else { "" };
        let (name, table) = (self.dialect.quote_ident(&self.name), self.dialect.quote_ident(&self.table));
        format!("CREATE UNIQUE INDEX {exists}{name} ON {table} ({})", self.terms.join(", "))
    }

    /// `DROP INDEX IF EXISTS "name"`.
    pub fn drop_sql(&self) -> String {
        format!("DROP INDEX IF EXISTS {}", self.dialect.quote_ident(&self.name))
    }
}

/// The unique index of each identity, in declaration order.
pub fn unique_indexes(dialect: &'static dyn Dialect, target: Target<'_>) -> Result<Vec<UniqueIndex>> {
    target.resource.identities.iter().map(|identity| unique_index(dialect, target, identity)).collect()
}

/// The unique index of `identity`.
pub fn unique_index(
    dialect: &'static dyn Dialect,
    target: Target<'_>,
    identity: &'static IdentityInfo,
) -> Result<UniqueIndex> {
    let terms = identity_terms(dialect, target.resource, identity)?;
    Ok(UniqueIndex {
        dialect,
        name: identity_index_name(target, identity),
        table: target.table_name().to_string(),
        identity: identity.name,
        keys: identity.keys.to_vec(),
        terms,
    })
}

/// The indexed term of each key of `identity` (also the `ON CONFLICT` target
/// of an upsert on it, which must name the index's terms exactly).
pub fn identity_terms(dialect: &dyn Dialect, resource: &ResourceInfo, identity: &IdentityInfo) -> Result<Vec<String>> {
    identity
        .keys
        .iter()
        .map(|key| {
            let attribute = resource.attribute(key).ok_or_else(|| {
                Error::DataLayer(format!(
                    "identity {} of resource {} names unknown attribute {key}",
                    identity.name, resource.name
                ))
            })?;
            Ok(key_term(dialect, attribute, identity.nils_distinct))
        })
        .collect()
}

fn key_term(dialect: &dyn Dialect, attribute: &AttributeInfo, nils_distinct: bool) -> String {
    let column = dialect.quote_ident(attribute.name);
    if nils_distinct || !attribute.allow_nil || attribute.primary_key {
        return column;
    }
    let (if_null, sentinel) = (dialect.if_null_function(), dialect.nil_key_sentinel());
    // A function's result has no collation of its own: restate the column's.
    match dialect.column_type(attribute.ty).1 {
        Some(collation) => format!("{if_null}({column}, {sentinel}) COLLATE {collation}"),
        None => format!("{if_null}({column}, {sentinel})"),
    }
}

/// Every statement that creates the resource's storage: the table (with
/// its foreign keys), then one unique index per identity, then one index
/// per foreign key whose reference says `index: true`.
pub fn create_statements(
    dialect: &'static dyn Dialect,
    target: Target<'_>,
    if_not_exists: bool,
) -> Result<Vec<String>> {
    let mut statements = vec![create_table(dialect, target, if_not_exists)?];
    statements.extend(unique_indexes(dialect, target)?.iter().map(|index| index.create_sql(if_not_exists)));
    let indexed = foreign_keys(target).into_iter().filter(|key| key.index);
    statements.extend(indexed.map(|key| key.create_index_sql(dialect, target, if_not_exists)));
    Ok(statements)
}

impl ForeignKey {
    /// `CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE CASCADE`:
    /// a table constraint (actions other than `NO ACTION` and deferrability
    /// written only when set, so that the default stays short).
    pub fn clause(&self, dialect: &dyn Dialect) -> String {
        let mut sql = format!(
            "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({})",
            dialect.quote_ident(&self.name),
            dialect.quote_ident(self.column),
            dialect.quote_ident(&self.references_table),
            dialect.quote_ident(self.references_column),
        );
        for (event, action) in [("DELETE", self.on_delete), ("UPDATE", self.on_update)] {
            if let Some(action) = action_sql(action) {
                sql.push_str(&format!(" ON {event} {action}"));
            }
        }
        match self.deferrable {
            Deferrable::No => {}
            Deferrable::Yes => sql.push_str(" DEFERRABLE INITIALLY IMMEDIATE"),
            Deferrable::Initially => sql.push_str(" DEFERRABLE INITIALLY DEFERRED"),
        }
        sql
    }

    /// `CREATE INDEX ["IF NOT EXISTS"] "posts_author_id_index" ON "posts" ("author_id")`:
    /// the index of a reference with `index: true` ([`ForeignKey::index_name`]).
    pub fn create_index_sql(&self, dialect: &dyn Dialect, target: Target<'_>, if_not_exists: bool) -> String {
        let exists = if if_not_exists { "IF NOT EXISTS " } else { "" };
        let name = dialect.quote_ident(&self.index_name(target));
        let (table, column) = (dialect.quote_ident(target.table_name()), dialect.quote_ident(self.column));
        format!("CREATE INDEX {exists}{name} ON {table} ({column})")
    }

    /// `DROP INDEX IF EXISTS "posts_author_id_index"`.
    pub fn drop_index_sql(&self, dialect: &dyn Dialect, target: Target<'_>) -> String {
        format!("DROP INDEX IF EXISTS {}", dialect.quote_ident(&self.index_name(target)))
    }
}

fn action_sql(action: ReferenceAction) -> Option<&'static str> {
    match action {
        ReferenceAction::Nothing => None,
        ReferenceAction::Cascade => Some("CASCADE"),
        ReferenceAction::Nilify => Some("SET NULL"),
        ReferenceAction::Restrict => Some("RESTRICT"),
    }
}

/// The name of `identity`'s unique index as the migration generator writes
/// it: the resource's `identity_index_names` entry, else Ash's
/// [`identity_index_name`] (`<table>_<identity>_index`). What a violation
/// of an expression index names (`UNIQUE constraint failed: index '..'`).
pub fn declared_identity_index_name(target: Target<'_>, identity: &IdentityInfo) -> String {
    match target.resource.sql.identity_index_name(identity.name) {
        Some(name) => name.to_string(),
        None => identity_index_name(target, identity),
    }
}
