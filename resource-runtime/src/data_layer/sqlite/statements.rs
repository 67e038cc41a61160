//! The SQL text of each operation. Values are always `?` placeholders; the
//! text depends only on the resource and the shape of the operation, so the
//! connection's statement cache serves repeated operations.

use crate::error::{Error, Result};
use crate::expr::sql::compile_filter;
use crate::info::ResourceInfo;
use crate::query::{DataQuery, SortOrder};
use crate::value::Value;

use super::schema::{identity_terms, quote_ident};

/// The alias of the table in reads; filters are compiled against it.
pub const ALIAS: &str = "t0";

/// `"a", "b", "c"`: every attribute, in order (what rows are decoded from).
fn column_list(resource: &ResourceInfo) -> String {
    let columns: Vec<String> = resource.attributes.iter().map(|a| quote_ident(a.name)).collect();
    columns.join(", ")
}

fn placeholders(count: usize) -> String {
    vec!["?"; count].join(", ")
}

/// `"k1" = ? AND "k2" = ?`.
fn key_match(resource: &ResourceInfo, keys: &[usize]) -> String {
    let terms: Vec<String> =
        keys.iter().map(|&k| format!("{} = ?", quote_ident(resource.attributes[k].name))).collect();
    terms.join(" AND ")
}

fn pk_match(resource: &ResourceInfo) -> String {
    let keys: Vec<usize> = resource.primary_key().collect();
    key_match(resource, &keys)
}

/// `INSERT INTO "t" (..) VALUES (?, ..) RETURNING ..`.
pub fn insert(resource: &ResourceInfo) -> String {
    format!("{} RETURNING {}", insert_head(resource), column_list(resource))
}

/// `INSERT .. ON CONFLICT (keys) DO UPDATE SET "f" = excluded."f", .. RETURNING ..`.
/// With nothing to update, `SET "k" = "k"` (the existing value: unlike Ash's
/// `= excluded.k`, a ci-string key keeps its stored case) so that the
/// conflicting row is still returned.
pub fn upsert(resource: &'static ResourceInfo, conflict_keys: &[usize], update_fields: &[usize]) -> Result<String> {
    let Some(&first_key) = conflict_keys.first() else {
        return Err(Error::DataLayer(format!("upsert into {} needs conflict keys", resource.name)));
    };
    let target = conflict_target(resource, conflict_keys)?;
    let sets: Vec<String> = if update_fields.is_empty() {
        let key = quote_ident(resource.attributes[first_key].name);
        vec![format!("{key} = {key}")]
    } else {
        update_fields
            .iter()
            .map(|&f| {
                let column = quote_ident(resource.attributes[f].name);
                format!("{column} = excluded.{column}")
            })
            .collect()
    };
    let (head, sets, columns) = (insert_head(resource), sets.join(", "), column_list(resource));
    Ok(format!("{head} ON CONFLICT ({target}) DO UPDATE SET {sets} RETURNING {columns}"))
}

fn insert_head(resource: &ResourceInfo) -> String {
    let table = quote_ident(resource.table_name());
    let values = placeholders(resource.attributes.len());
    format!("INSERT INTO {table} ({}) VALUES ({values})", column_list(resource))
}

/// The terms of the unique index on exactly `keys`: an identity's (which may
/// be `IFNULL(..)` expressions), else the plain columns (the primary key).
fn conflict_target(resource: &'static ResourceInfo, keys: &[usize]) -> Result<String> {
    let names: Vec<&str> = keys.iter().map(|&k| resource.attributes[k].name).collect();
    let same = |other: &[&str]| other.len() == names.len() && other.iter().all(|k| names.contains(k));
    let terms = match resource.identities.iter().find(|identity| same(identity.keys)) {
        Some(identity) => identity_terms(resource, identity)?,
        None => names.iter().map(|n| quote_ident(n)).collect(),
    };
    Ok(terms.join(", "))
}

/// `SELECT .. FROM "t" AS t0 [WHERE ..] [ORDER BY ..] [LIMIT ? OFFSET ?]` and its parameters.
pub fn select(resource: &'static ResourceInfo, query: &DataQuery) -> Result<(String, Vec<Value>)> {
    let table = quote_ident(resource.table_name());
    let mut sql = format!("SELECT {} FROM {table} AS {ALIAS}", column_list(resource));
    let mut params = Vec::new();
    if let Some(filter) = &query.filter {
        let fragment = compile_filter(filter, resource, ALIAS)?;
        sql.push_str(" WHERE ");
        sql.push_str(&fragment.sql);
        params.extend(fragment.params);
    }
    if !query.sort.is_empty() {
        let keys =
            query.sort.iter().map(|(name, order)| sort_key(resource, name, *order)).collect::<Result<Vec<_>>>()?;
        sql.push_str(" ORDER BY ");
        sql.push_str(&keys.join(", "));
    }
    let limit = query.limit.map(|l| i64::try_from(l).unwrap_or(i64::MAX));
    if limit.is_some() || query.offset > 0 {
        sql.push_str(" LIMIT ? OFFSET ?");
        params.push(Value::Int(limit.unwrap_or(-1)));
        params.push(Value::Int(i64::try_from(query.offset).unwrap_or(i64::MAX)));
    }
    Ok((sql, params))
}

/// `t0."name" ASC NULLS LAST`: Ash's nil placement, spelled natively.
fn sort_key(resource: &ResourceInfo, name: &str, order: SortOrder) -> Result<String> {
    if resource.attribute(name).is_none() {
        return Err(Error::DataLayer(format!("cannot sort {} by unknown attribute {name}", resource.name)));
    }
    let direction = if order.is_desc() { "DESC" } else { "ASC" };
    let nulls = if order.nils_first() { "FIRST" } else { "LAST" };
    Ok(format!("{ALIAS}.{} {direction} NULLS {nulls}", quote_ident(name)))
}

/// `SELECT .. FROM "t" WHERE "k1" = ? AND ..`: no `LIMIT`, the keys are unique.
pub fn get(resource: &ResourceInfo, keys: &[usize]) -> String {
    let table = quote_ident(resource.table_name());
    format!("SELECT {} FROM {table} WHERE {}", column_list(resource), key_match(resource, keys))
}

/// `UPDATE "t" SET "a" = ?, .. WHERE <pk> RETURNING ..`.
pub fn update(resource: &ResourceInfo, cols: &[usize]) -> String {
    let table = quote_ident(resource.table_name());
    let sets: Vec<String> = cols.iter().map(|&c| format!("{} = ?", quote_ident(resource.attributes[c].name))).collect();
    format!("UPDATE {table} SET {} WHERE {} RETURNING {}", sets.join(", "), pk_match(resource), column_list(resource))
}

/// `DELETE FROM "t" WHERE <pk>`.
pub fn delete(resource: &ResourceInfo) -> String {
    format!("DELETE FROM {} WHERE {}", quote_ident(resource.table_name()), pk_match(resource))
}
