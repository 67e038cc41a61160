//! The texts of the layer's own statements (`INSERT .. RETURNING`, single
//! and multi-row), built once per process: quoting and joining every
//! column cost a create about a sixth of its client-side instructions.
//!
//! Keyed by the address of the resource's `'static` description, as
//! `sql::statements` keys its texts; a polymorphic resource's named
//! tables are built per call.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, OnceLock, PoisonError, RwLock};

use crate::data_layer::Target;
use crate::data_layer::sql::Dialect;
use crate::data_layer::sql::postgres_dialect::POSTGRES;

/// The resource, whether its generated key is left out, and the rows.
type Key = (usize, bool, usize);

/// `INSERT INTO "t" ("a", "b") VALUES ($1, $2), .. RETURNING "a", "b", ..`
/// for `rows` rows of the columns `cols` (every attribute, or all but the
/// generated key: `omitted`).
pub(super) fn insert(target: Target<'_>, cols: &[usize], omitted: bool, rows: usize) -> Arc<str> {
    static TEXTS: OnceLock<RwLock<HashMap<Key, Arc<str>>>> = OnceLock::new();
    if target.table.is_some() {
        return insert_text(target, cols, rows).into();
    }
    let key = (std::ptr::from_ref(target.resource) as usize, omitted, rows);
    let texts = TEXTS.get_or_init(Default::default);
    if let Some(text) = texts.read().unwrap_or_else(PoisonError::into_inner).get(&key) {
        return text.clone();
    }
    let text: Arc<str> = insert_text(target, cols, rows).into();
    texts.write().unwrap_or_else(PoisonError::into_inner).entry(key).or_insert(text).clone()
}

fn insert_text(target: Target<'_>, cols: &[usize], rows: usize) -> String {
    let attributes = target.resource.attributes;
    let names: Vec<String> = cols.iter().map(|&c| POSTGRES.quote_ident(attributes[c].name)).collect();
    let mut sql = format!("INSERT INTO {} ({}) VALUES ", POSTGRES.quote_ident(target.table_name()), names.join(", "));
    let mut n = 0;
    for row in 0..rows {
        sql.push_str(if row == 0 { "(" } else { ", (" });
        for col in 0..cols.len() {
            n += 1;
            let _ = write!(sql, "{}${n}", if col == 0 { "" } else { ", " });
        }
        sql.push(')');
    }
    let returning: Vec<String> = attributes.iter().map(|a| POSTGRES.quote_ident(a.name)).collect();
    let _ = write!(sql, " RETURNING {}", returning.join(", "));
    sql
}
