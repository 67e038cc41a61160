//! Rows to and from SQLite statements: each value encoded as its column
//! stores it, result rows decoded by their attributes' types (whole, or
//! column by column into a record: `Columns`), and what an `INSERT`
//! stored that the given row does not hold as it is (`stored_changes`).

use rusqlite::types::{ToSqlOutput, ValueRef};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::codec;
use super::errors::map_error;
use crate::info::error::{Error, Result};
use crate::info::value::{Row, Value};
use crate::info::{ResourceInfo, Type};
use crate::typed::resource::{Decoded, RowValues};

/// The attributes at the start of a result row, decoded by their types:
/// every attribute in order, or only `select`'s (the rest nil).
pub(super) fn decode_row(
    resource: &'static ResourceInfo,
    select: Option<&[usize]>,
    row: &rusqlite::Row<'_>,
) -> Result<Row> {
    let decode = |position: usize, col: usize| decode_column(resource, row, position, col);
    match select {
        None => {
            // A loop into a sized `Vec`: `collect` into a `Result` cost a
            // fifth more instructions per row.
            let mut values = Vec::with_capacity(resource.attributes.len());
            for col in 0..resource.attributes.len() {
                values.push(decode(col, col)?);
            }
            Ok(values)
        }
        Some(cols) => {
            let mut values = vec![Value::Nil; resource.attributes.len()];
            for (position, &col) in cols.iter().enumerate() {
                if col >= values.len() {
                    return Err(Error::DataLayer(format!("{} has no attribute at index {col}", resource.name)));
                }
                values[col] = decode(position, col)?;
            }
            Ok(values)
        }
    }
}

/// Column `position` of `row`, decoded as attribute `col` of `resource`.
#[inline]
pub(super) fn decode_column(
    resource: &'static ResourceInfo,
    row: &rusqlite::Row<'_>,
    position: usize,
    col: usize,
) -> Result<Value> {
    let stored = row.get_ref(position).map_err(|e| map_error(Some(resource.into()), e))?;
    decode_stored(resource, col, stored)
}

/// `stored` decoded as attribute `col` of `resource`.
#[inline]
fn decode_stored(resource: &'static ResourceInfo, col: usize, stored: ValueRef<'_>) -> Result<Value> {
    let attribute = &resource.attributes[col];
    codec::decode(attribute.ty, stored).map_err(|message| Error::ValueType {
        resource: resource.name,
        field: attribute.name,
        message,
    })
}

/// A full row of `resource` handed over column by column (`DataLayer::read_each`).
pub(super) struct Columns<'a, 'stmt> {
    pub(super) resource: &'static ResourceInfo,
    pub(super) row: &'a rusqlite::Row<'stmt>,
    pub(super) next: usize,
}

impl<'a> Columns<'a, '_> {
    /// The next column's attribute index and stored value.
    #[inline]
    fn next_stored(&mut self) -> Result<(usize, ValueRef<'a>)> {
        let col = self.next;
        if col >= self.resource.attributes.len() {
            return Err(Error::DataLayer(format!("{}: a row has no value past its attributes", self.resource.name)));
        }
        self.next += 1;
        let row: &'a rusqlite::Row<'_> = self.row;
        let stored = row.get_ref(col).map_err(|e| map_error(Some(self.resource.into()), e))?;
        Ok((col, stored))
    }

    /// The next value, typed by `read` (a typed read of `codec`) when the
    /// column's attribute is of type `ty` and `read` takes the stored
    /// value; else decoded (its `Value`, or its error), as `next_value` does.
    #[inline]
    fn next_typed<T>(&mut self, ty: Type, read: fn(ValueRef<'_>) -> Option<T>) -> Result<Decoded<T>> {
        let (col, stored) = self.next_stored()?;
        if self.resource.attributes[col].ty == ty
            && let Some(value) = read(stored)
        {
            return Ok(Decoded::Typed(value));
        }
        decode_stored(self.resource, col, stored).map(Decoded::Value)
    }
}

impl RowValues for Columns<'_, '_> {
    fn next_value(&mut self) -> Result<Value> {
        let (col, stored) = self.next_stored()?;
        decode_stored(self.resource, col, stored)
    }
    fn next_string(&mut self) -> Result<Decoded<String>> {
        self.next_typed(Type::String, codec::read_string)
    }
    fn next_i64(&mut self) -> Result<Decoded<i64>> {
        self.next_typed(Type::Integer, codec::read_i64)
    }
    fn next_f64(&mut self) -> Result<Decoded<f64>> {
        self.next_typed(Type::Float, codec::read_f64)
    }
    fn next_bool(&mut self) -> Result<Decoded<bool>> {
        self.next_typed(Type::Boolean, codec::read_bool)
    }
    fn next_decimal(&mut self) -> Result<Decoded<Decimal>> {
        self.next_typed(Type::Decimal, codec::read_decimal)
    }
    fn next_uuid(&mut self) -> Result<Decoded<Uuid>> {
        self.next_typed(Type::Uuid, codec::read_uuid)
    }
}

/// Each value of `row` encoded for its attribute's column.
pub(super) fn encode_row<'a>(resource: &'static ResourceInfo, row: &'a [Value]) -> Result<Vec<ToSqlOutput<'a>>> {
    check_len(resource, row)?;
    resource
        .attributes
        .iter()
        .zip(row)
        .map(|(attribute, value)| encode(resource, attribute.name, attribute.ty, value))
        .collect()
}

pub(super) fn encode<'a>(
    resource: &'static ResourceInfo,
    field: &'static str,
    ty: crate::info::Type,
    value: &'a Value,
) -> Result<ToSqlOutput<'a>> {
    codec::encode(ty, value).map_err(|message| Error::ValueType { resource: resource.name, field, message })
}

/// What the row stored from `row` (bound as `params`) holds that `row`
/// does not hold as it is, by attribute index: each parameter that
/// `read_as_bound` does not vouch for, decoded as reads decode its column,
/// and for a nil integer primary key the `rowid` SQLite assigned (`None`
/// when not known: an error, never the case for the rows handed over).
pub(super) fn stored_changes(
    resource: &'static ResourceInfo,
    row: &[Value],
    params: &[ToSqlOutput<'_>],
    rowid: Option<i64>,
) -> Result<Vec<(usize, Value)>> {
    let rowid_alias = rowid_alias(resource);
    let mut decoded = Vec::new();
    for (i, ((attribute, param), value)) in resource.attributes.iter().zip(params).zip(row).enumerate() {
        if value.is_nil() && rowid_alias == Some(i) {
            let Some(rowid) = rowid else {
                return Err(Error::DataLayer(format!("{}.{}: no rowid assigned", resource.name, attribute.name)));
            };
            decoded.push((i, Value::Int(rowid)));
            continue;
        }
        // Most values: nothing to decode (the call's own check, inline).
        if read_as_bound(attribute.ty, value) {
            continue;
        }
        if let Some(value) = as_stored(resource, i, value, param)? {
            decoded.push((i, value));
        }
    }
    Ok(decoded)
}

/// What a read of attribute `col` gives back for `value` stored as
/// `param`: `None` when that is `value` itself (`read_as_bound`), else
/// the parameter decoded as reads decode the column.
pub(super) fn as_stored(
    resource: &'static ResourceInfo,
    col: usize,
    value: &Value,
    param: &ToSqlOutput<'_>,
) -> Result<Option<Value>> {
    let attribute = &resource.attributes[col];
    if read_as_bound(attribute.ty, value) {
        return Ok(None);
    }
    let stored = match param {
        ToSqlOutput::Borrowed(value) => *value,
        ToSqlOutput::Owned(value) => value.into(),
        _ => return Err(Error::DataLayer(format!("{}.{}: unexpected parameter", resource.name, attribute.name))),
    };
    codec::decode(attribute.ty, stored).map(Some).map_err(|message| Error::ValueType {
        resource: resource.name,
        field: attribute.name,
        message,
    })
}

/// The attribute that is the table's `INTEGER PRIMARY KEY` (an alias of the
/// rowid, which SQLite assigns when NULL is inserted), if there is one.
pub(super) fn rowid_alias(resource: &ResourceInfo) -> Option<usize> {
    let mut pk = resource.primary_key();
    match (pk.next(), pk.next()) {
        (Some(col), None) if resource.attributes[col].ty == crate::info::Type::Integer => Some(col),
        _ => None,
    }
}

pub(super) fn check_len(resource: &'static ResourceInfo, row: &[Value]) -> Result<()> {
    let (want, got) = (resource.attributes.len(), row.len());
    if want == got {
        return Ok(());
    }
    Err(Error::DataLayer(format!("{} rows have {want} values, got {got}", resource.name)))
}

pub(super) fn check_cols<'a>(resource: &'static ResourceInfo, cols: impl IntoIterator<Item = &'a usize>) -> Result<()> {
    let count = resource.attributes.len();
    match cols.into_iter().find(|&&col| col >= count) {
        Some(col) => Err(Error::DataLayer(format!("{} has no attribute at index {col}", resource.name))),
        None => Ok(()),
    }
}

/// A key's parameters: one on the stack, or several in a `Vec`.
pub(super) enum KeyParams<'a> {
    One([ToSqlOutput<'a>; 1]),
    Many(Vec<ToSqlOutput<'a>>),
}

impl<'a> KeyParams<'a> {
    pub(super) fn as_slice(&self) -> &[ToSqlOutput<'a>] {
        match self {
            KeyParams::One(one) => one,
            KeyParams::Many(many) => many,
        }
    }
}

/// The primary key's values, encoded, or `NotFound` when one is nil.
pub(super) fn encode_pk<'a>(resource: &'static ResourceInfo, pk: &'a [Value]) -> Result<Vec<ToSqlOutput<'a>>> {
    let mut params = Vec::with_capacity(pk.len());
    push_pk(&mut params, resource, pk)?;
    Ok(params)
}

/// [`encode_pk`] onto the end of `params`.
pub(super) fn push_pk<'a>(
    params: &mut Vec<ToSqlOutput<'a>>,
    resource: &'static ResourceInfo,
    pk: &'a [Value],
) -> Result<()> {
    check_pk(resource, pk)?;
    for (col, value) in resource.primary_key().zip(pk) {
        let attribute = &resource.attributes[col];
        params.push(encode(resource, attribute.name, attribute.ty, value)?);
    }
    Ok(())
}

/// [`encode_pk`], a key of one value bound from the stack (a uuid's text
/// written into `text`): no allocation for the usual key.
pub(super) fn encode_key<'a>(
    resource: &'static ResourceInfo,
    pk: &'a [Value],
    text: &'a mut codec::UuidText,
) -> Result<KeyParams<'a>> {
    check_pk(resource, pk)?;
    let mut key = resource.primary_key();
    match (key.next(), key.next(), pk) {
        (Some(col), None, [value]) => {
            let attribute = &resource.attributes[col];
            let param = codec::encode_in(attribute.ty, value, text).map_err(|message| Error::ValueType {
                resource: resource.name,
                field: attribute.name,
                message,
            })?;
            Ok(KeyParams::One([param]))
        }
        _ => encode_pk(resource, pk).map(KeyParams::Many),
    }
}

/// As many values as the primary key has attributes, none nil (else `NotFound`).
fn check_pk(resource: &'static ResourceInfo, pk: &[Value]) -> Result<()> {
    let want = resource.primary_key().count();
    if want != pk.len() {
        let got = pk.len();
        return Err(Error::DataLayer(format!("{} has {want} primary key fields, got {got} values", resource.name)));
    }
    if pk.iter().any(Value::is_nil) {
        return Err(not_found(resource, pk));
    }
    Ok(())
}

/// Whether a read of the column gives `value` back exactly as it was
/// bound: `codec::decode` of `codec::encode(ty, value)` is `value` itself
/// (the same text, the same uuid, a decimal with its scale). Nil too,
/// except in an integer primary key, which becomes the rowid.
pub(super) fn read_as_bound(ty: crate::info::Type, value: &Value) -> bool {
    use crate::info::Type;
    matches!(
        (ty, value),
        (_, Value::Nil)
            | (Type::String, Value::String(_))
            | (Type::CiString, Value::CiString(_))
            | (Type::Integer, Value::Int(_))
            | (Type::Boolean, Value::Bool(_))
            | (Type::Float, Value::Float(_))
            | (Type::Decimal, Value::Decimal(_))
            | (Type::Uuid, Value::Uuid(_))
            | (Type::Atom(_), Value::Atom(_))
    )
}

pub(super) fn not_found(resource: &'static ResourceInfo, pk: &[Value]) -> Error {
    let names = resource.primary_key().map(|i| resource.attributes[i].name.to_string());
    Error::NotFound { resource: resource.name, lookup: names.zip(pk.iter().cloned()).collect() }
}

#[cfg(test)]
mod tests {
    use super::super::tests::USER;
    use super::*;

    /// Each typed call of `Columns` on a `USER` row: typed where the column's
    /// attribute is of the call's type and the stored value decodes, else
    /// the `Value` (or error) `next_value` gives; past the end, an error.
    #[test]
    fn columns_read_typed_values_as_decode_reads_them() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let sql = "SELECT '6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b', 'Ann@Example.com', 'Ann', NULL, 5, 42, ' 12.50', \
                   1, 2, '2024-01-01', 'later', 'owner'";
        let mut statement = conn.prepare(sql).unwrap();
        let mut rows = statement.query([]).unwrap();
        let row = rows.next().unwrap().unwrap();
        let decoded = |col| decode_column(&USER, row, col, col);
        let mut columns = Columns { resource: &USER, row, next: 0 };
        let id = "6f1c2b9e-3a4d-4e5f-8a7b-1c2d3e4f5a6b".parse().unwrap();
        assert_eq!(columns.next_uuid().unwrap(), Decoded::Typed(id));
        // A ci_string column: not a `Type::String` one, so its `Value`.
        assert_eq!(columns.next_string().unwrap(), Decoded::Value(decoded(1).unwrap()));
        assert_eq!(columns.next_string().unwrap(), Decoded::Typed("Ann".to_string()));
        assert_eq!(columns.next_string().unwrap(), Decoded::Value(Value::Nil));
        // An integer in a string column: the decode error.
        assert_eq!(columns.next_string(), Err(decoded(4).unwrap_err()));
        assert_eq!(columns.next_i64().unwrap(), Decoded::Typed(42));
        let price = columns.next_decimal().unwrap();
        assert_eq!(format!("{price:?}"), "Typed(12.50)");
        assert_eq!(columns.next_bool().unwrap(), Decoded::Typed(true));
        assert_eq!(columns.next_f64().unwrap(), Decoded::Typed(2.0));
        // A date column read by an integer call: its `Value`.
        assert_eq!(columns.next_i64().unwrap(), Decoded::Value(decoded(9).unwrap()));
        assert_eq!(columns.next_value(), Err(decoded(10).unwrap_err()));
        assert_eq!(columns.next_string().unwrap(), Decoded::Value(Value::Atom("owner".into())));
        let past = Error::DataLayer("User: a row has no value past its attributes".into());
        assert_eq!(columns.next_string(), Err(past.clone()));
        assert_eq!(columns.next_uuid(), Err(past));
    }
}
