//! Unique custom indexes (`sqlite { custom_indexes { index [a, b] { unique:
//! true, message: ".." } } }`) as every layer reports them: a violation is
//! `Error::Invalid` with a `Taken` field error on the index's columns, with
//! its `message` (else "has already been taken"), as an identity's is.
//!
//! A SQL database enforces every unique index itself and maps its
//! violations back by name or columns (`sqlite/errors.rs`). A layer that
//! runs no SQL (ETS) enforces the ones it can evaluate, [`in_memory`]: over
//! plain columns and without a `where`. An index over a SQL expression
//! (`"lower(email)"`) or with a SQL condition is enforced only by SQL
//! databases (`docs/sqlite-section.md`).

use crate::info::{CustomIndex, IndexField, ResourceInfo};

/// The message of a violation with no `message` of its own (Ash's).
pub const TAKEN: &str = "has already been taken";

/// The message of a violation of `index`.
pub fn message(index: &CustomIndex) -> &'static str {
    index.message.unwrap_or(TAKEN)
}

/// The index's columns, when every field is one (no SQL expression).
pub fn columns(index: &CustomIndex) -> Option<Vec<&'static str>> {
    index
        .fields
        .iter()
        .map(|field| match field {
            IndexField::Column(column) => Some(*column),
            IndexField::Sql(_) => None,
        })
        .collect()
}

/// The fields a violation is reported on: the index's columns, and the
/// attributes its SQL fields name (`"lower(email)"` -> `email`), in order;
/// the primary key if it names none.
pub fn error_fields(resource: &'static ResourceInfo, index: &CustomIndex) -> Vec<&'static str> {
    let mut fields: Vec<&'static str> = Vec::new();
    let mut add = |name: &'static str| {
        if !fields.contains(&name) {
            fields.push(name);
        }
    };
    for field in index.fields {
        match field {
            IndexField::Column(column) => add(column),
            IndexField::Sql(sql) => {
                for word in sql.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                    if let Some(attribute) = resource.attributes.iter().find(|a| a.name.eq_ignore_ascii_case(word)) {
                        add(attribute.name);
                    }
                }
            }
        }
    }
    if fields.is_empty() {
        fields.extend(resource.attributes.iter().filter(|a| a.primary_key).map(|a| a.name));
    }
    fields
}

/// The unique custom indexes a layer without SQL enforces (as an
/// identity): over plain columns, without a `where`. Their columns.
pub fn in_memory(resource: &'static ResourceInfo) -> impl Iterator<Item = (&'static CustomIndex, Vec<&'static str>)> {
    resource
        .sql
        .custom_indexes
        .iter()
        .filter(|index| index.unique && index.where_sql.is_none())
        .filter_map(|index| Some((index, columns(index)?)))
}
