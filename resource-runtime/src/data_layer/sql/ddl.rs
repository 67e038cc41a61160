//! DDL from a `ResourceInfo` in a [`Dialect`]: pure functions, no
//! connection, shared by the SQL layers' `create_schema` and the migration
//! generator. The rules for each part of a table are here (its columns'
//! types, [`foreign_keys`], identity terms and index names); the whole
//! table, with the `sqlite { .. }` section applied, is [`table_def`]
//! (`table.rs`). In SQLite's dialect:
//!
//! ```sql
//! CREATE TABLE IF NOT EXISTS "accounts" (
//!   "id" TEXT NOT NULL PRIMARY KEY,
//!   "email" TEXT COLLATE ci NOT NULL,
//!   "price" TEXT COLLATE decimal,
//!   "visits" INTEGER NOT NULL DEFAULT 0
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
use crate::data_layer::sql::table::TableSql;
use crate::info::error::{Error, Result};
use crate::info::types::Type;
use crate::info::{AttributeInfo, IdentityInfo, ResourceInfo};

pub use crate::data_layer::sql::table::{TableDef, custom_index_name, table_def};

/// The rule for which `belongs_to` become foreign keys is shared with the
/// layers that check them in memory (`data_layer/foreign_key.rs`).
pub use crate::data_layer::foreign_key::{ForeignKey, foreign_keys};

/// An attribute's column as the dialect maps its type, before the
/// `sqlite { .. }` section's overrides (`migration_types`, defaults), which
/// [`table_def`] applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The column's name: the attribute's.
    pub name: &'static str,
    /// The storage type: `TEXT`, `INTEGER` or `REAL`.
    pub sql_type: &'static str,
    /// `ci` for ci_string, `decimal` for decimal.
    pub collation: Option<&'static str>,
    /// `NOT NULL`: the attribute does not allow nil, or is part of the
    /// primary key (left out of the definition for an autoincrement column).
    pub not_null: bool,
    /// The column alone is the primary key (declared inline).
    pub primary_key: bool,
    /// `INTEGER PRIMARY KEY AUTOINCREMENT`: SQLite fills it when NULL is inserted.
    pub autoincrement: bool,
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

/// `CREATE TABLE ["IF NOT EXISTS"] "table" (..);`: the table of
/// [`table_def`] (the primary key's columns first, then the others by name;
/// a composite primary key and each foreign key as table constraints).
/// Errors if the resource has no primary key.
pub fn create_table(dialect: &'static dyn Dialect, target: Target<'_>, if_not_exists: bool) -> Result<String> {
    Ok(table_def(dialect, target)?.create_table_sql(dialect, if_not_exists))
}

/// Ash's name for an identity's index: `<table>_<identity>_index`.
pub fn identity_index_name(target: Target<'_>, identity: &IdentityInfo) -> String {
    format!("{}_{}_index", target.table_name(), identity.name)
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
    let column = match dialect.ci_fold().filter(|_| attribute.ty == Type::CiString) {
        Some(fold) => format!("{fold}({})", dialect.quote_ident(attribute.name)),
        None => dialect.quote_ident(attribute.name),
    };
    if nils_distinct || !attribute.allow_nil || attribute.primary_key {
        return column;
    }
    dialect.nil_key_term(&column, attribute.ty)
}

/// Every statement that creates the resource's storage on an empty
/// database, in order: the table (with its foreign keys), its indexes
/// (identities', custom, references'), then its custom statements' `up`s.
/// The same statements the migration generator writes for the new table
/// ([`table_def`], [`TableDef::create_statements`]).
pub fn create_statements(
    dialect: &'static dyn Dialect,
    target: Target<'_>,
    if_not_exists: bool,
) -> Result<Vec<String>> {
    let TableSql { mut ddl, setup } = table_def(dialect, target)?.create_statements(dialect, if_not_exists);
    ddl.extend(setup);
    Ok(ddl)
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
