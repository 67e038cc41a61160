//! Polymorphic resources (AshSqlite's `polymorphic? true`): one resource
//! stored in several tables, the table chosen per relationship (its context
//! table) or per query (`Query::table`). Each table gets a description of
//! its own, a copy of the resource's with `table` set, made once and kept
//! for the life of the program; data layers then need nothing new: SQLite
//! reads and writes the copy's table, and the ETS store, keyed by
//! description, keeps each table's rows apart.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use crate::info::{ResourceInfo, SqlInfo};

#[derive(Default)]
struct Variants {
    /// (the resource's address, table) -> its description for that table.
    by_table: HashMap<(usize, String), &'static ResourceInfo>,
    /// A variant's address -> the resource it was made from.
    bases: HashMap<usize, &'static ResourceInfo>,
}

fn variants() -> &'static Mutex<Variants> {
    static VARIANTS: OnceLock<Mutex<Variants>> = OnceLock::new();
    VARIANTS.get_or_init(Mutex::default)
}

fn address(info: &'static ResourceInfo) -> usize {
    info as *const ResourceInfo as usize
}

/// The description of `resource` stored in `table` (the same one for every call).
pub fn variant(resource: &'static ResourceInfo, table: &str) -> &'static ResourceInfo {
    let resource = base_of(resource);
    let mut variants = variants().lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(found) = variants.by_table.get(&(address(resource), table.to_string())) {
        return found;
    }
    let name: &'static str = Box::leak(table.to_string().into_boxed_str());
    let made: &'static ResourceInfo =
        Box::leak(Box::new(ResourceInfo { sql: SqlInfo { table: Some(name), ..resource.sql }, ..*resource }));
    variants.by_table.insert((address(resource), table.to_string()), made);
    variants.bases.insert(address(made), resource);
    made
}

/// The resource a table variant was made from; a resource itself otherwise.
pub fn base_of(info: &'static ResourceInfo) -> &'static ResourceInfo {
    if !info.sql.polymorphic {
        return info;
    }
    let variants = variants().lock().unwrap_or_else(PoisonError::into_inner);
    variants.bases.get(&address(info)).copied().unwrap_or(info)
}
