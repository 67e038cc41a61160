//! This thread's copies of the statement texts of the hot operations: gets,
//! inserts (one row, and the multi-row ones of `bulk.rs`), updates and deletes.
//!
//! The shared cache (`statements::cached`) answers under a global read
//! lock, after hashing its key with SipHash, with an `Arc` clone: two
//! reference counts written by every call on every core, so parallel
//! readers keep pulling the same cache lines from each other, and about
//! 0.3k instructions per statement. A thread's own copy is written by that
//! thread only, found by a foldhash of a few integers.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Deref;
use std::rc::Rc;
use std::sync::Arc;

use super::SQLITE;
use crate::data_layer::Target;
use crate::data_layer::sql::dialect::Dialect;
use crate::data_layer::sql::statements;

/// Texts kept per thread; past this the map starts over (few shapes are hot).
const KEPT: usize = 256;

/// Which statement a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Get,
    Insert,
    /// A multi-row insert; its "columns" are its number of rows.
    InsertMany,
    Update,
    /// An update that requires the other columns to hold what was seen.
    UpdateSeen,
    Delete,
}

/// The description's address, the statement, and the columns it names
/// (packed as `pack` does): one text, the same on every thread (a
/// connection keeps its statement under it, `conn.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct TextKey(usize, Kind, u64);

thread_local! {
    static TEXTS: RefCell<HashMap<TextKey, Rc<str>, foldhash::fast::FixedState>> = RefCell::default();
}

/// A statement's text: this thread's copy, or the shared one when the
/// shape is not kept (a polymorphic resource's named table, many columns).
pub(super) enum Text {
    Kept(Rc<str>, TextKey),
    Shared(Arc<str>),
}

impl Text {
    /// The key of a kept text (a shared one has none).
    pub(super) fn key(&self) -> Option<TextKey> {
        match self {
            Text::Kept(_, key) => Some(*key),
            Text::Shared(_) => None,
        }
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Text::Kept(text, _) => text,
            Text::Shared(text) => text,
        }
    }
}

/// A statement's text and, for a kept one, its key (`Conn::with_statement`).
#[derive(Clone, Copy)]
pub(super) struct Sql<'a> {
    pub(super) text: &'a str,
    pub(super) key: Option<TextKey>,
}

impl<'a> From<&'a str> for Sql<'a> {
    fn from(text: &'a str) -> Sql<'a> {
        Sql { text, key: None }
    }
}

impl<'a> From<&'a String> for Sql<'a> {
    fn from(text: &'a String) -> Sql<'a> {
        Sql { text, key: None }
    }
}

impl<'a> From<&'a Text> for Sql<'a> {
    fn from(text: &'a Text) -> Sql<'a> {
        Sql { text, key: text.key() }
    }
}

/// Up to 8 attribute indices below 255, in order, as one number (index + 1
/// per byte); `None` for more or larger ones.
fn pack(cols: impl IntoIterator<Item = usize>) -> Option<u64> {
    let mut packed = 0u64;
    for (n, col) in cols.into_iter().enumerate() {
        if n >= 8 || col >= 255 {
            return None;
        }
        packed = (packed << 8) | (col as u64 + 1);
    }
    Some(packed)
}

/// The text of `kind` over `cols` on `target`, built by `shared` when this
/// thread has no copy yet.
fn kept(target: Target<'_>, kind: Kind, cols: Option<u64>, shared: impl Fn() -> Arc<str>) -> Text {
    // A polymorphic resource's named table is not kept (as in `statements`).
    let (Some(cols), None) = (cols, target.table) else { return Text::Shared(shared()) };
    let key = TextKey(std::ptr::from_ref(target.resource) as usize, kind, cols);
    let found = TEXTS.try_with(|texts| {
        if let Some(text) = texts.borrow().get(&key) {
            return text.clone();
        }
        let mut texts = texts.borrow_mut();
        if texts.len() >= KEPT {
            texts.clear();
        }
        texts.entry(key).or_insert_with(|| Rc::from(&*shared())).clone()
    });
    // While the thread is being torn down its copies are gone.
    match found {
        Ok(text) => Text::Kept(text, key),
        Err(_) => Text::Shared(shared()),
    }
}

/// `SELECT .. FROM "t" WHERE "k1" = ? AND ..` for a get by `keys`.
pub(super) fn get(target: Target<'_>, keys: &[usize]) -> Text {
    kept(target, Kind::Get, pack(keys.iter().copied()), || statements::get(&SQLITE, target, keys))
}

/// The get by primary key (the read-back of an update).
pub(super) fn get_by_pk(target: Target<'_>) -> Text {
    let resource = target.resource;
    kept(target, Kind::Get, pack(resource.primary_key()), || {
        statements::get(&SQLITE, target, &resource.primary_key().collect::<Vec<_>>())
    })
}

/// `INSERT INTO "t" (..) VALUES (?, ..)`.
pub(super) fn insert(target: Target<'_>) -> Text {
    kept(target, Kind::Insert, Some(0), || statements::insert(&SQLITE, target))
}

/// `INSERT OR FAIL INTO "t" (..every column..) VALUES (?, ..), (?, ..), ..` for
/// `rows` rows (`bulk.rs`).
pub(super) fn insert_many(target: Target<'_>, rows: usize) -> Text {
    kept(target, Kind::InsertMany, Some(rows as u64), || insert_many_text(target, rows).into())
}

fn insert_many_text(target: Target<'_>, rows: usize) -> String {
    let attributes = target.resource.attributes;
    let names: Vec<String> = attributes.iter().map(|a| SQLITE.quote_ident(a.name)).collect();
    let one = format!("({})", vec!["?"; attributes.len()].join(", "));
    let table = SQLITE.quote_ident(target.table_name());
    let mut sql = String::with_capacity(40 + names.iter().map(|n| n.len() + 2).sum::<usize>() + rows * (one.len() + 2));
    sql.push_str(&format!("INSERT OR FAIL INTO {table} ({}) VALUES ", names.join(", ")));
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&one);
    }
    sql
}

/// `UPDATE "t" SET "a" = ?, .. WHERE <pk>`, setting `cols` in order.
pub(super) fn update(target: Target<'_>, cols: impl Iterator<Item = usize> + Clone) -> Text {
    kept(target, Kind::Update, pack(cols.clone()), || {
        statements::update_without_returning(&SQLITE, target, &cols.clone().collect::<Vec<_>>())
    })
}

/// `UPDATE "t" SET "a" = ?1, .. WHERE "k" = ?n AND "k" IS ?n COLLATE BINARY
/// AND "b" IS ?m COLLATE BINARY ..`: `cols` set in order, then every other
/// column compared bytewise with its parameter, numbered on in attribute
/// order (`update.rs`). The key's `=` is what finds the row by its index.
pub(super) fn update_seen(target: Target<'_>, cols: impl Iterator<Item = usize> + Clone) -> Text {
    let shared = || update_seen_text(target, &cols.clone().collect::<Vec<_>>()).into();
    kept(target, Kind::UpdateSeen, pack(cols.clone()), shared)
}

fn update_seen_text(target: Target<'_>, cols: &[usize]) -> String {
    let resource = target.resource;
    let name = |col: usize| SQLITE.quote_ident(resource.attributes[col].name);
    let sets: Vec<String> = cols.iter().enumerate().map(|(i, &col)| format!("{} = ?{}", name(col), i + 1)).collect();
    let mut keys = Vec::new();
    let mut same = Vec::new();
    let others = (0..resource.attributes.len()).filter(|col| !cols.contains(col));
    for (n, col) in others.enumerate() {
        let param = cols.len() + n + 1;
        if resource.attributes[col].primary_key {
            keys.push(format!("{} = ?{param}", name(col)));
        }
        same.push(format!("{} IS ?{param} COLLATE BINARY", name(col)));
    }
    let table = SQLITE.quote_ident(target.table_name());
    format!(
        "UPDATE {table} SET {} WHERE {}",
        sets.join(", "),
        keys.into_iter().chain(same).collect::<Vec<_>>().join(" AND ")
    )
}

/// `DELETE FROM "t" WHERE <pk>`.
pub(super) fn delete(target: Target<'_>) -> Text {
    kept(target, Kind::Delete, Some(0), || statements::delete(&SQLITE, target))
}

#[cfg(test)]
mod tests {
    use super::{insert_many_text, pack, update_seen_text};
    use crate::data_layer::Target;
    use crate::info::{AttributeInfo, DataLayerKind, ResourceInfo, SqlInfo, Type};

    #[test]
    fn a_multi_row_insert_names_every_column_and_binds_each_value() {
        static ATTRS: [AttributeInfo; 2] =
            [AttributeInfo::new("id", Type::Integer), AttributeInfo::new("na\"me", Type::String)];
        static T: ResourceInfo = ResourceInfo {
            sql: SqlInfo { table: Some("things"), ..SqlInfo::DEFAULT },
            attributes: &ATTRS,
            ..ResourceInfo::new("Thing", DataLayerKind::Sqlite)
        };
        let text = insert_many_text(Target::from(&T), 3);
        assert_eq!(text, r#"INSERT OR FAIL INTO "things" ("id", "na""me") VALUES (?, ?), (?, ?), (?, ?)"#);
    }

    #[test]
    fn an_update_of_a_seen_row_sets_the_changes_and_compares_every_other_column_bytewise() {
        static ATTRS: [AttributeInfo; 4] = [
            AttributeInfo { primary_key: true, ..AttributeInfo::new("id", Type::Uuid) },
            AttributeInfo::new("name", Type::CiString),
            AttributeInfo::new("price", Type::Decimal),
            AttributeInfo::new("stock", Type::Integer),
        ];
        static T: ResourceInfo = ResourceInfo {
            sql: SqlInfo { table: Some("products"), ..SqlInfo::DEFAULT },
            attributes: &ATTRS,
            ..ResourceInfo::new("Product", DataLayerKind::Sqlite)
        };
        assert_eq!(
            update_seen_text(Target::from(&T), &[3, 1]),
            r#"UPDATE "products" SET "stock" = ?1, "name" = ?2 WHERE "id" = ?3 AND "id" IS ?3 COLLATE BINARY AND "price" IS ?4 COLLATE BINARY"#
        );
    }

    #[test]
    fn packed_indices_keep_their_order_and_stop_at_what_fits() {
        assert_eq!(pack([]), Some(0));
        assert_ne!(pack([0, 1]), pack([1, 0]));
        assert_ne!(pack([0]), pack([0, 0]));
        assert_eq!(pack([254]), Some(255));
        assert_eq!(pack([255]), None);
        assert_eq!(pack([0; 9]), None);
    }
}
