//! Reads through a read action: the action's filter, `get_by` values, then
//! the data layer (and loads). `Query::run`, `Query::one`, `Query::page` and
//! `Select::run` all start here.

use crate::data_layer::Target;
use crate::data_layer::query::DataQuery;
use crate::domain::Domain;
use crate::expr::tree::{BinaryOp, Expr};
use crate::info::error::{Error, FieldError, FieldErrorKind, Result};
use crate::info::value::Value;
use crate::info::{ActionInfo, ActionKind, ResourceInfo};
use crate::read::check;
use crate::read::load::Load;
use crate::read::query::Query;
use crate::typed::record::Record;
use crate::typed::resource::Resource;

/// A read with its action resolved: what the data layer is asked.
pub(crate) struct Prepared {
    /// The resource.
    pub info: &'static ResourceInfo,
    /// A polymorphic resource's table, when the query names one.
    pub table: Option<String>,
    pub action: &'static ActionInfo,
    /// The caller's query with the action's filter and `get_by` added.
    pub query: DataQuery,
    /// `get_by` attributes and their values, for `NotFound`.
    pub lookup: Vec<(String, Value)>,
}

impl Prepared {
    /// `found`, unless the action is a `get?` and found more than one.
    fn at_most_one<T>(&self, found: Vec<T>) -> Result<Vec<T>> {
        if self.action.get && found.len() > 1 {
            let (resource, action) = (self.info.name, self.action.name.to_string());
            return Err(Error::MultipleResults { resource, action });
        }
        Ok(found)
    }

    /// Where the read goes: the resource, in the query's table if it names one.
    pub fn target(&self) -> Target<'_> {
        Target { resource: self.info, table: self.table.as_deref() }
    }
}

impl Domain {
    /// Resolves `query`'s read action and adds what the action says.
    pub(crate) fn prepare<R: Resource>(&self, query: &Query<R>) -> Result<Prepared> {
        let info = R::info();
        let table = self.target(info, query.table.as_deref())?.table.map(str::to_string);
        let action = info.action(query.action).filter(|a| a.kind == ActionKind::Read).ok_or_else(|| {
            Error::NoSuchAction { resource: info.name, action: query.action.to_string(), kind: "read" }
        })?;
        let mut data = query.query.clone();
        check::sort(info, &data.sort)?;
        data.filter = data.filter.take().map(|filter| check::filter(info, filter)).transpose()?;
        let mut filters: Vec<Expr> = action.filter.iter().map(|filter| filter()).collect();
        let lookup = get_by_lookup(info, action, query.get_by.as_deref())?;
        filters.extend(
            lookup
                .iter()
                .map(|(name, value)| Expr::binary(BinaryOp::Eq, Expr::field(name), Expr::Value(value.clone()))),
        );
        filters.extend(data.filter.take());
        data.filter = filters.into_iter().reduce(Expr::and);
        // A `get?` action returns at most one record: reading two tells
        // `MultipleResults` from one (Ash's behaviour), not cutting to one.
        if action.get {
            data.limit = Some(data.limit.map_or(2, |l| l.min(2)));
        }
        Ok(Prepared { info, table, action, query: data, lookup })
    }

    /// Runs `query` and returns every record it finds.
    pub(crate) fn read<R: Resource>(&self, query: &Query<R>) -> Result<Vec<R>> {
        let span = self.action_span(R::info(), query.action, "read");
        let _entered = span.enter();
        let prepared = self.prepare(query)?;
        let plain = prepared.query.select.is_none() && prepared.query.computed.is_empty();
        if query.loads.is_empty() && plain && !prepared.action.get {
            // Each record built as the layer decodes its row.
            let mut records = Vec::new();
            self.read_rows_each(prepared.target(), &prepared.query, &mut |values| {
                records.push(R::from_values(values)?);
                Ok(())
            })?;
            return Ok(records);
        }
        if query.loads.is_empty() {
            let rows = prepared.at_most_one(self.read_rows(prepared.target(), &prepared.query)?)?;
            return rows.into_iter().map(R::from_row).collect();
        }
        self.records(&prepared, &query.loads)?.into_iter().map(R::from_record).collect()
    }

    /// The records of a prepared read with `loads` loaded.
    pub(crate) fn records(&self, prepared: &Prepared, loads: &[Load]) -> Result<Vec<Record>> {
        if loads.is_empty() {
            let rows = prepared.at_most_one(self.read_rows(prepared.target(), &prepared.query)?)?;
            return Ok(rows.into_iter().map(|row| Record { row, loaded: Vec::new() }).collect());
        }
        Domain::check_loads(prepared.info, loads)?;
        prepared.at_most_one(self.read_records(prepared.target(), prepared.query.clone(), loads)?)
    }

    /// The one record `query` finds: `NotFound` when there is none,
    /// `MultipleResults` when there are more (Ash's `read_one`).
    pub(crate) fn read_one<R: Resource>(&self, query: &Query<R>) -> Result<R> {
        let span = self.action_span(R::info(), query.action, "read");
        let _entered = span.enter();
        let mut prepared = self.prepare(query)?;
        prepared.query.limit = Some(prepared.query.limit.map_or(2, |l| l.min(2)));
        let mut records = self.records(&prepared, &query.loads)?.into_iter();
        match (records.next(), records.next()) {
            (Some(record), None) => R::from_record(record),
            (None, _) => Err(Error::NotFound { resource: prepared.info.name, lookup: prepared.lookup }),
            (Some(_), Some(_)) => {
                Err(Error::MultipleResults { resource: prepared.info.name, action: prepared.action.name.to_string() })
            }
        }
    }
}

/// The `get_by` attributes of `action` with `values` cast to their types.
fn get_by_lookup(
    info: &'static ResourceInfo,
    action: &'static ActionInfo,
    values: Option<&[Value]>,
) -> Result<Vec<(String, Value)>> {
    let fields = action.get_by;
    let values = match (fields.is_empty(), values) {
        (true, None) => return Ok(Vec::new()),
        (true, Some(_)) => {
            return Err(Error::DataLayer(format!(
                "read action `{}` of {} has no `get_by`: it takes no lookup values",
                action.name, info.name
            )));
        }
        (false, None) => {
            return Err(Error::DataLayer(format!(
                "read action `{}` of {} looks records up by {}: call `{}::{}(domain, ..)` \
                 (or give the values with `Query::with_get_by`)",
                action.name,
                info.name,
                fields.join(", "),
                info.name,
                action.name
            )));
        }
        (false, Some(values)) => values,
    };
    if values.len() != fields.len() {
        return Err(Error::DataLayer(format!(
            "read action `{}` of {} takes {} get_by values ({}), got {}",
            action.name,
            info.name,
            fields.len(),
            fields.join(", "),
            values.len()
        )));
    }
    let mut errors = Vec::new();
    let mut lookup = Vec::with_capacity(fields.len());
    for (&field, value) in fields.iter().zip(values) {
        let Some(attribute) = info.attribute(field) else {
            return Err(Error::DataLayer(format!("get_by of `{}` names unknown attribute `{field}`", action.name)));
        };
        match crate::info::cast::cast_value(attribute.ty, value.clone()) {
            Ok(value) => lookup.push((field.to_string(), value)),
            Err(message) => errors.push(FieldError::new(field, FieldErrorKind::InvalidType, message)),
        }
    }
    if errors.is_empty() { Ok(lookup) } else { Err(Error::Invalid(errors)) }
}
