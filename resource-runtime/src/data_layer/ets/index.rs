//! The ETS layer's unique hash indexes. An index holds no copy of its keys:
//! each entry is a row's position and its key's hash, and a lookup compares
//! the probe with the row itself. A create builds and stores no key (it was
//! a `Vec<IndexKey>` and a copy of each text per index), and a lookup
//! allocates nothing for the common key types.
//!
//! Keys agree with `column_key` (so with `loose_eq` within a column): two
//! values hash and compare equal exactly when their `column_key`s are equal.

use std::hash::{BuildHasher, Hasher};

use hashbrown::HashTable;

use crate::info::error::{FieldError, FieldErrorKind};
use crate::info::value::{IndexKey, Row, Value};
use crate::info::{AttributeInfo, Type};

/// Stands in for a value that is not there, so lookups need not panic.
pub(super) static NIL: Value = Value::Nil;

/// The primary key index, one index per identity in declaration order,
/// then one per unique custom index over plain columns.
pub(super) struct Indexes {
    pub(super) pk: UniqueIndex,
    pub(super) identities: Vec<UniqueIndex>,
}

/// A unique hash index from a row's normalised key values to its position.
pub(super) struct UniqueIndex {
    pub(super) cols: Vec<usize>,
    types: Vec<Type>,
    /// When true, a key containing a nil is not indexed and never conflicts.
    nils_distinct: bool,
    /// Where and how a conflict is reported.
    pub(super) fields: Vec<&'static str>,
    message: &'static str,
    /// foldhash: with std's SipHash the index inserts of a create cost 2.5
    /// times as much (README, dependencies).
    hasher: foldhash::fast::RandomState,
    slots: HashTable<Slot>,
}

/// An index entry as tests compare them: (key, position, stored hash).
#[cfg(test)]
pub(super) type Entry = (Option<Vec<IndexKey>>, usize, u32);

/// One indexed row: its position, and half of its key's hash (enough to
/// rehash the table without the rows, and to skip most unequal rows).
#[derive(Clone, Copy)]
pub(super) struct Slot {
    pub(super) pos: u32,
    hash: u32,
}

/// The table's hash of a slot: the stored half, spread over 64 bits
/// (hashbrown takes the bucket from the low bits, the tag from the high).
fn spread(hash: u32) -> u64 {
    u64::from(hash).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl Indexes {
    pub(super) fn iter(&self) -> impl Iterator<Item = &UniqueIndex> {
        std::iter::once(&self.pk).chain(&self.identities)
    }

    pub(super) fn len(&self) -> usize {
        1 + self.identities.len()
    }

    pub(super) fn iter_mut(&mut self) -> impl Iterator<Item = &mut UniqueIndex> {
        std::iter::once(&mut self.pk).chain(&mut self.identities)
    }

    /// The row at `pos` was `old` and is now `new`: move the entries whose key changed.
    pub(super) fn move_keys(&mut self, old: &[Value], new: &[Value], pos: usize) {
        for index in self.iter_mut() {
            if !index.same_key(old, new) {
                index.remove(old, pos);
                index.insert(new, pos);
            }
        }
    }

    /// The row at `from` (holding `row`) is now at `to`.
    pub(super) fn moved(&mut self, row: &[Value], from: usize, to: usize) {
        for index in self.iter_mut() {
            index.repoint(row, from, to);
        }
    }

    /// The index on exactly the attributes `keys`, in any order.
    pub(super) fn on(&self, keys: &[usize]) -> Option<&UniqueIndex> {
        let same = |index: &&UniqueIndex| {
            index.cols.len() == keys.len()
                && index.cols.iter().all(|c| keys.contains(c))
                && keys.iter().all(|k| index.cols.contains(k))
        };
        self.iter().find(same)
    }
}

impl UniqueIndex {
    pub(super) fn new(
        attrs: Vec<(usize, &AttributeInfo)>,
        nils_distinct: bool,
        fields: Vec<&'static str>,
        message: &'static str,
    ) -> Self {
        let (cols, types) = attrs.into_iter().map(|(col, attr)| (col, attr.ty)).unzip();
        let hasher = foldhash::fast::RandomState::default();
        UniqueIndex { cols, types, nils_distinct, fields, message, hasher, slots: HashTable::new() }
    }

    /// The hash of the key `values` (in column order); `None` when a nil
    /// makes it distinct (it is not indexed).
    fn hash<'a>(&self, values: impl Iterator<Item = &'a Value>) -> Option<u32> {
        let mut hasher = self.hasher.build_hasher();
        for (value, &ty) in values.zip(&self.types) {
            if value.is_nil() && self.nils_distinct {
                return None;
            }
            hash_column(ty, value, &mut hasher);
        }
        Some((hasher.finish() >> 32) as u32)
    }

    pub(super) fn hash_of(&self, row: &[Value]) -> Option<u32> {
        self.hash(self.key_values(row))
    }

    fn key_values<'a>(&'a self, row: &'a [Value]) -> impl Iterator<Item = &'a Value> + Clone {
        self.cols.iter().map(|&col| row.get(col).unwrap_or(&NIL))
    }

    /// Whether `row`'s key is `values` (in column order).
    fn holds<'a>(&self, row: &[Value], values: impl Iterator<Item = &'a Value>) -> bool {
        self.types.iter().zip(self.key_values(row)).zip(values).all(|((&ty, held), probe)| key_eq(ty, held, probe))
    }

    /// The position of the row of `rows` whose key is `values` (in column order).
    pub(super) fn lookup<'a>(&self, rows: &[Row], values: impl Iterator<Item = &'a Value> + Clone) -> Option<usize> {
        self.lookup_hashed(rows, values.clone(), self.hash(values)?)
    }

    /// `lookup`, given the hash of `values`.
    fn lookup_hashed<'a>(
        &self,
        rows: &[Row],
        values: impl Iterator<Item = &'a Value> + Clone,
        hash: u32,
    ) -> Option<usize> {
        let found = self.slots.find(spread(hash), |slot| {
            slot.hash == hash && rows.get(slot.pos as usize).is_some_and(|row| self.holds(row, values.clone()))
        });
        found.map(|slot| slot.pos as usize)
    }

    /// Whether a row of `rows` other than the one at `this` has `row`'s key.
    /// `hash` is `hash_of(row)`, computed once for the check and the insert.
    pub(super) fn taken(&self, rows: &[Row], row: &[Value], hash: Option<u32>, this: Option<usize>) -> bool {
        let Some(hash) = hash else { return false };
        self.lookup_hashed(rows, self.key_values(row), hash).is_some_and(|pos| Some(pos) != this)
    }

    /// Indexes `row` at `pos`. The caller has checked that its key is free.
    pub(super) fn insert(&mut self, row: &[Value], pos: usize) {
        self.insert_hashed(self.hash_of(row), pos);
    }

    /// `insert`, given `hash_of(row)`.
    pub(super) fn insert_hashed(&mut self, hash: Option<u32>, pos: usize) {
        if let Some(hash) = hash {
            let slot = Slot { pos: pos as u32, hash };
            self.slots.insert_unique(spread(hash), slot, |slot| spread(slot.hash));
        }
    }

    /// Drops the entry of `row`, at `pos`.
    pub(super) fn remove(&mut self, row: &[Value], pos: usize) {
        let Some(hash) = self.hash_of(row) else { return };
        if let Ok(entry) = self.slots.find_entry(spread(hash), |slot| slot.pos as usize == pos) {
            entry.remove();
        }
    }

    /// The entry of `row`, at `from`, now points at `to`.
    fn repoint(&mut self, row: &[Value], from: usize, to: usize) {
        let Some(hash) = self.hash_of(row) else { return };
        if let Some(slot) = self.slots.find_mut(spread(hash), |slot| slot.pos as usize == from) {
            slot.pos = to as u32;
        }
    }

    /// Whether `old` and `new` have the same key here (nil-distinct keys:
    /// both unindexed).
    fn same_key(&self, old: &[Value], new: &[Value]) -> bool {
        match (self.hash_of(old), self.hash_of(new)) {
            (None, None) => true,
            (Some(a), Some(b)) => a == b && self.holds(old, self.key_values(new)),
            _ => false,
        }
    }

    pub(super) fn error(&self) -> FieldError {
        FieldError::on_fields(&self.fields, FieldErrorKind::Taken, self.message)
    }

    /// The entries, as (key, position, hash), sorted: for tests comparing states.
    #[cfg(test)]
    pub(super) fn entries(&self, rows: &[Row]) -> Vec<Entry> {
        let key = |pos: usize| {
            let row = rows.get(pos)?;
            self.types.iter().zip(self.key_values(row)).map(|(&ty, value)| Some(column_key(ty, value))).collect()
        };
        let mut entries: Vec<_> = self.slots.iter().map(|s| (key(s.pos as usize), s.pos as usize, s.hash)).collect();
        entries.sort();
        entries
    }
}

/// `Value::index_key`, made to agree with `loose_eq` within a column: a plain
/// string finds a ci_string (lowercased char by char, as `compare` does) or a
/// uuid.
pub(super) fn column_key(ty: Type, value: &Value) -> IndexKey {
    match (ty, value) {
        (Type::CiString, Value::String(s) | Value::CiString(s)) => IndexKey::Text(lowercase(s)),
        (Type::Uuid, Value::String(s)) => s.parse().map_or_else(|_| value.index_key(), IndexKey::Uuid),
        _ => value.index_key(),
    }
}

fn lowercase(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// Feeds `hasher` what hashing `column_key(ty, value)` with `hash_key`
/// would, building no key for uuids, strings and integers.
fn hash_column(ty: Type, value: &Value, hasher: &mut impl Hasher) {
    match (ty, value) {
        (_, Value::Uuid(u)) => hash_key(&IndexKey::Uuid(*u), hasher),
        (Type::Uuid, Value::String(s)) => match s.parse() {
            Ok(u) => hash_key(&IndexKey::Uuid(u), hasher),
            Err(_) => hash_text(s, hasher),
        },
        (Type::CiString, Value::String(s)) | (_, Value::CiString(s)) => {
            if s.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
                hash_text(&lowercase(s), hasher);
            } else {
                hash_text(s, hasher);
            }
        }
        (_, Value::String(s) | Value::Atom(s)) => hash_text(s, hasher),
        // An integer's key is its decimal text (`index_key`).
        (_, Value::Int(i)) => hash_text(Digits::of(*i).as_str(), hasher),
        _ => hash_key(&column_key(ty, value), hasher),
    }
}

/// The hash of a key: each kind tagged, text ended, so keys of several
/// columns cannot run into each other.
fn hash_key(key: &IndexKey, hasher: &mut impl Hasher) {
    match key {
        IndexKey::Nil => hasher.write_u8(0),
        IndexKey::Bool(b) => {
            hasher.write_u8(1);
            hasher.write_u8(u8::from(*b));
        }
        IndexKey::Uuid(u) => {
            hasher.write_u8(2);
            hasher.write(u.as_bytes());
        }
        IndexKey::Text(s) => hash_text(s, hasher),
    }
}

fn hash_text(s: &str, hasher: &mut impl Hasher) {
    hasher.write_u8(3);
    hasher.write(s.as_bytes());
    hasher.write_u8(0xff);
}

/// Whether `a` and `b` have equal `column_key`s in a column of type `ty`,
/// without building them for the common cases.
fn key_eq(ty: Type, a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Uuid(a), Value::Uuid(b)) => a == b,
        (Value::Int(a), Value::Int(b)) => a == b,
        (Value::String(a), Value::String(b)) if !matches!(ty, Type::CiString | Type::Uuid) => a == b,
        (Value::String(a) | Value::CiString(a), Value::String(b) | Value::CiString(b)) if ty == Type::CiString => {
            a.chars().flat_map(char::to_lowercase).eq(b.chars().flat_map(char::to_lowercase))
        }
        _ => column_key(ty, a) == column_key(ty, b),
    }
}

/// An integer's decimal text, on the stack.
struct Digits {
    buf: [u8; 20],
    start: usize,
}

impl Digits {
    fn of(i: i64) -> Digits {
        let mut digits = Digits { buf: [0; 20], start: 20 };
        let mut n = i.unsigned_abs();
        loop {
            digits.start -= 1;
            digits.buf[digits.start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        if i < 0 {
            digits.start -= 1;
            digits.buf[digits.start] = b'-';
        }
        digits
    }

    fn as_str(&self) -> &str {
        // Only ASCII digits and '-' are written.
        std::str::from_utf8(&self.buf[self.start..]).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash_via_key(ty: Type, value: &Value) -> u64 {
        let mut hasher = foldhash::fast::FixedState::with_seed(7).build_hasher();
        hash_key(&column_key(ty, value), &mut hasher);
        hasher.finish()
    }

    fn hash_direct(ty: Type, value: &Value) -> u64 {
        let mut hasher = foldhash::fast::FixedState::with_seed(7).build_hasher();
        hash_column(ty, value, &mut hasher);
        hasher.finish()
    }

    /// The shortcuts hash and compare as the keys they stand for.
    #[test]
    fn shortcuts_agree_with_column_keys() {
        let id = uuid::Uuid::from_u128(0xabcdef);
        let values = [
            (Type::Uuid, Value::Uuid(id)),
            (Type::Uuid, Value::String(id.to_string().to_uppercase())),
            (Type::Uuid, Value::String("not a uuid".into())),
            (Type::String, Value::String("Straße".into())),
            (Type::String, Value::Atom("open".into())),
            (Type::CiString, Value::String("ÉCOLE".into())),
            (Type::CiString, Value::CiString("école".into())),
            (Type::CiString, Value::String("plain".into())),
            (Type::String, Value::CiString("MiXed".into())),
            (Type::Integer, Value::Int(0)),
            (Type::Integer, Value::Int(-42)),
            (Type::Integer, Value::Int(i64::MIN)),
            (Type::Integer, Value::Int(i64::MAX)),
            (Type::Integer, Value::Decimal(rust_decimal::Decimal::new(-4200, 2))),
            (Type::Boolean, Value::Bool(true)),
            (Type::String, Value::Nil),
        ];
        for (ty, value) in &values {
            assert_eq!(hash_direct(*ty, value), hash_via_key(*ty, value), "{ty:?} {value:?}");
            for (other_ty, other) in &values {
                if other_ty == ty {
                    let same = column_key(*ty, value) == column_key(*ty, other);
                    assert_eq!(key_eq(*ty, value, other), same, "{ty:?}: {value:?} vs {other:?}");
                }
            }
        }
        assert!(key_eq(Type::Integer, &Value::Int(-42), &Value::Decimal(rust_decimal::Decimal::new(-4200, 2))));
        assert!(key_eq(Type::CiString, &Value::String("ÉCOLE".into()), &Value::CiString("école".into())));
        assert!(key_eq(Type::Uuid, &Value::Uuid(id), &Value::String(id.to_string().to_uppercase())));
    }
}
