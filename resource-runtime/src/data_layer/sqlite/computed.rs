//! Reads that compute more than the columns: loaded calculations and
//! aggregates are selected expressions after the columns
//! (`SELECT t0."id", .., (t0."status" || ? || t0."subject") FROM ..`), and
//! sorts may name calculations and aggregates (`ORDER BY (SELECT COUNT(*) ..) DESC`).
//! Their SQL comes from the shared statements (`data_layer/sql/statements.rs`);
//! here they are run and decoded.

use rusqlite::params_from_iter;
use rusqlite::types::{ToSqlOutput, ValueRef};

use super::errors::map_error;
use super::{Sqlite, codec};
use crate::data_layer::Target;
use crate::data_layer::query::DataQuery;
use crate::info::error::{Error, Result};
use crate::info::types::Type;
use crate::info::value::{Row, Value};

/// Runs a read whose rows end with computed values, each decoded by its
/// static type (or by its storage class when the type is not known: a
/// fragment's).
pub(super) fn query(
    db: &Sqlite,
    target: Target<'_>,
    query: &DataQuery,
    sql: &str,
    params: &[ToSqlOutput<'_>],
) -> Result<Vec<Row>> {
    let resource = target.resource;
    let types: Vec<Option<Type>> = query.computed.iter().map(|expr| expr.static_type(resource)).collect();
    let select = query.select.as_deref();
    // Where the computed values start: after every column, or after the selected ones.
    let width = select.map_or(resource.attributes.len(), <[usize]>::len);
    super::log_statement(sql, params);
    db.repo.with_reader(|conn| {
        let fail = |e| map_error(Some(target), e);
        let mut statement = conn.prepare_cached(sql).map_err(fail)?;
        let mut rows = statement.query(params_from_iter(params)).map_err(fail)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(fail)? {
            let mut values = super::decode_row(resource, select, row)?;
            values.reserve(types.len());
            for (j, ty) in types.iter().enumerate() {
                let stored = row.get_ref(width + j).map_err(fail)?;
                let value = match ty {
                    Some(ty) => codec::decode(*ty, stored).map_err(|message| {
                        Error::DataLayer(format!("{}: a computed value: {message}", resource.name))
                    })?,
                    None => decode_any(stored),
                };
                values.push(value);
            }
            out.push(values);
        }
        Ok(out)
    })
}

/// A value of unknown type, by its storage class.
fn decode_any(stored: ValueRef<'_>) -> Value {
    match stored {
        ValueRef::Null => Value::Nil,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(f) => Value::Float(f),
        ValueRef::Text(bytes) => Value::String(String::from_utf8_lossy(bytes).into_owned()),
        ValueRef::Blob(bytes) => Value::String(String::from_utf8_lossy(bytes).into_owned()),
    }
}
