//! DDL from a `ResourceInfo`: pure functions, no connection, so that the
//! migration generator can reuse them (for snapshots and for the SQL it writes).
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
//! so a nil then conflicts with a nil and with nothing else.

use crate::error::{Error, Result};
use crate::info::{AttributeInfo, IdentityInfo, ResourceInfo, Type};

use super::codec::DECIMAL_COLLATION;

/// `"name"`, with inner quotes doubled.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A column as it is declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    /// The storage type: `TEXT`, `INTEGER` or `REAL`.
    pub sql_type: &'static str,
    /// `NOCASE` for ci_string, `decimal` for decimal.
    pub collation: Option<&'static str>,
    pub not_null: bool,
    /// The column alone is the primary key (declared inline).
    pub primary_key: bool,
    /// `INTEGER PRIMARY KEY AUTOINCREMENT`: SQLite fills it when NULL is inserted.
    pub autoincrement: bool,
}

impl Column {
    /// `"email" TEXT COLLATE NOCASE NOT NULL`.
    pub fn definition(&self) -> String {
        let mut sql = format!("{} {}", quote_ident(self.name), self.sql_type);
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

/// The storage type and collation of an attribute type (AshSqlite's mapping,
/// with `NOCASE` for ci strings and exact decimals).
pub fn column_type(ty: Type) -> (&'static str, Option<&'static str>) {
    match ty {
        Type::String | Type::Atom(_) | Type::Uuid | Type::Date | Type::UtcDatetime | Type::Json => ("TEXT", None),
        Type::CiString => ("TEXT", Some("NOCASE")),
        Type::Decimal => ("TEXT", Some(DECIMAL_COLLATION)),
        Type::Integer | Type::Boolean => ("INTEGER", None),
        Type::Float => ("REAL", None),
    }
}

/// The columns of a resource's table, in attribute order.
pub fn columns(resource: &ResourceInfo) -> Vec<Column> {
    let single_pk = resource.attributes.iter().filter(|a| a.primary_key).count() == 1;
    resource.attributes.iter().map(|attribute| column(attribute, single_pk)).collect()
}

fn column(attribute: &AttributeInfo, single_pk: bool) -> Column {
    let (sql_type, collation) = column_type(attribute.ty);
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
/// a table constraint. Errors if the resource has no primary key.
pub fn create_table(resource: &ResourceInfo, if_not_exists: bool) -> Result<String> {
    let pk: Vec<&str> = resource.attributes.iter().filter(|a| a.primary_key).map(|a| a.name).collect();
    if pk.is_empty() {
        return Err(Error::DataLayer(format!("resource {} has no primary key", resource.name)));
    }
    let mut parts: Vec<String> = columns(resource).iter().map(Column::definition).collect();
    if pk.len() > 1 {
        let keys: Vec<String> = pk.iter().map(|k| quote_ident(k)).collect();
        parts.push(format!("PRIMARY KEY ({})", keys.join(", ")));
    }
    let exists = if if_not_exists { "IF NOT EXISTS " } else { "" };
    let table = quote_ident(resource.table_name());
    Ok(format!("CREATE TABLE {exists}{table} (\n  {}\n)", parts.join(",\n  ")))
}

/// Ash's name for an identity's index: `<table>_<identity>_index`.
pub fn identity_index_name(resource: &ResourceInfo, identity: &IdentityInfo) -> String {
    format!("{}_{}_index", resource.table_name(), identity.name)
}

/// A unique index on an identity's keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UniqueIndex {
    pub name: String,
    pub table: &'static str,
    pub identity: &'static str,
    pub keys: Vec<&'static str>,
    /// The indexed terms as SQL: a quoted column, or `IFNULL("col", x'') COLLATE ..`
    /// for a nullable key of a `nils_distinct: false` identity.
    pub terms: Vec<String>,
}

impl UniqueIndex {
    /// `CREATE UNIQUE INDEX ["IF NOT EXISTS"] "name" ON "table" (terms)`.
    pub fn create_sql(&self, if_not_exists: bool) -> String {
        let exists = if if_not_exists { "IF NOT EXISTS " } else { "" };
        let (name, table) = (quote_ident(&self.name), quote_ident(self.table));
        format!("CREATE UNIQUE INDEX {exists}{name} ON {table} ({})", self.terms.join(", "))
    }

    pub fn drop_sql(&self) -> String {
        format!("DROP INDEX IF EXISTS {}", quote_ident(&self.name))
    }
}

/// The unique index of each identity, in declaration order.
pub fn unique_indexes(resource: &'static ResourceInfo) -> Result<Vec<UniqueIndex>> {
    resource.identities.iter().map(|identity| unique_index(resource, identity)).collect()
}

pub fn unique_index(resource: &'static ResourceInfo, identity: &'static IdentityInfo) -> Result<UniqueIndex> {
    let terms = identity_terms(resource, identity)?;
    Ok(UniqueIndex {
        name: identity_index_name(resource, identity),
        table: resource.table_name(),
        identity: identity.name,
        keys: identity.keys.to_vec(),
        terms,
    })
}

/// The indexed term of each key of `identity` (also the `ON CONFLICT` target
/// of an upsert on it, which must name the index's terms exactly).
pub fn identity_terms(resource: &ResourceInfo, identity: &IdentityInfo) -> Result<Vec<String>> {
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
            Ok(key_term(attribute, identity.nils_distinct))
        })
        .collect()
}

fn key_term(attribute: &AttributeInfo, nils_distinct: bool) -> String {
    let column = quote_ident(attribute.name);
    if nils_distinct || !attribute.allow_nil || attribute.primary_key {
        return column;
    }
    // A function's result has no collation of its own: restate the column's.
    match column_type(attribute.ty).1 {
        Some(collation) => format!("IFNULL({column}, x'') COLLATE {collation}"),
        None => format!("IFNULL({column}, x'')"),
    }
}

/// Every statement that creates the resource's storage: the table, then one
/// unique index per identity.
pub fn create_statements(resource: &'static ResourceInfo, if_not_exists: bool) -> Result<Vec<String>> {
    let mut statements = vec![create_table(resource, if_not_exists)?];
    statements.extend(unique_indexes(resource)?.iter().map(|index| index.create_sql(if_not_exists)));
    Ok(statements)
}
