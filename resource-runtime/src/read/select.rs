//! `Query::select`: reading only some attributes (Ash's `Ash.Query.select`).
//!
//! ```ignore
//! let rows = Ticket::read().sort(ticket::subject.asc()).select((ticket::subject, ticket::priority)).run(&app)?;
//! let subject: Option<String> = rows[0].get(ticket::subject)?;   // Ok(None) when nil
//! rows[0].get(ticket::status)                                    // Err(Error::NotSelected { .. })
//! ```
//!
//! A typed record cannot say "not read" in a `String` field, and a
//! `Default::default()` there could be taken for data. So a select returns
//! [`Selected<R>`]: the values read, with typed getters through the field
//! handles that tell "not selected" (an error) from nil (`None`). SQLite
//! selects only those columns and the primary key; ETS copies only those.

use std::marker::PhantomData;

use crate::domain::Domain;
use crate::info::error::{Error, Result};
use crate::info::value::Value;
use crate::read::load::{Loadable, loadable};
use crate::read::query::Query;
use crate::typed::field::Field;
use crate::typed::record::{LoadedValue, Record};
use crate::typed::resource::{AttributeValue, Resource};

/// What `Query::select` takes: one field handle (`ticket::subject`), a tuple
/// of them (`(ticket::subject, ticket::priority)`), or names (`["subject"]`,
/// checked when the read runs).
pub trait Selection<R> {
    /// The names selected.
    fn field_names(self) -> Vec<String>;
}

/// One field of a [`Selection`]: a field handle of `R`.
pub trait SelectField<R> {
    /// The field's name.
    fn field_name(&self) -> &'static str;
}

impl<R, T, K> SelectField<R> for Field<R, T, K> {
    fn field_name(&self) -> &'static str {
        self.name
    }
}

impl<R, T, K> Selection<R> for Field<R, T, K> {
    fn field_names(self) -> Vec<String> {
        vec![self.name.to_string()]
    }
}

macro_rules! tuple_selection {
    ($($field:ident),+) => {
        impl<R, $($field: SelectField<R>),+> Selection<R> for ($($field,)+) {
            #[allow(non_snake_case)]
            fn field_names(self) -> Vec<String> {
                let ($($field,)+) = self;
                vec![$($field.field_name().to_string()),+]
            }
        }
    };
}

tuple_selection!(A);
tuple_selection!(A, B);
tuple_selection!(A, B, C);
tuple_selection!(A, B, C, D);
tuple_selection!(A, B, C, D, E);
tuple_selection!(A, B, C, D, E, F);
tuple_selection!(A, B, C, D, E, F, G);
tuple_selection!(A, B, C, D, E, F, G, H);

impl<R> Selection<R> for &[&str] {
    fn field_names(self) -> Vec<String> {
        self.iter().map(|name| name.to_string()).collect()
    }
}

impl<R, const N: usize> Selection<R> for [&str; N] {
    fn field_names(self) -> Vec<String> {
        self.iter().map(|name| name.to_string()).collect()
    }
}

impl<R> Selection<R> for Vec<String> {
    fn field_names(self) -> Vec<String> {
        self
    }
}

/// A query that reads only some attributes: made by [`Query::select`],
/// run with [`Select::run`].
#[derive(Debug, Clone)]
#[must_use = "a select does nothing until it is `run`"]
pub struct Select<R> {
    query: Query<R>,
    fields: Vec<String>,
}

impl<R: Resource> Query<R> {
    /// Reads only these attributes, and the primary key (Ash's `select`):
    /// `.select((ticket::subject, ticket::priority))`. The records come back
    /// as [`Selected<R>`], read through the field handles. Several calls add
    /// up. Calculations and aggregates are not selected but loaded (`load`
    /// before `select`); relationships cannot be loaded on a select.
    pub fn select(self, fields: impl Selection<R>) -> Select<R> {
        Select { query: self, fields: fields.field_names() }
    }
}

impl<R: Resource> Select<R> {
    /// Also reads these attributes.
    pub fn select(mut self, fields: impl Selection<R>) -> Select<R> {
        self.fields.extend(fields.field_names());
        self
    }

    /// Runs the read: the records, with what was selected.
    ///
    /// # Errors
    ///
    /// `Error::DataLayer` when a name is not an attribute, or a relationship
    /// is loaded; the query's own errors.
    pub fn run(self, domain: &Domain) -> Result<Vec<Selected<R>>> {
        domain.read_selected(&self.query, &self.fields)
    }

    /// Runs the read with `limit 1`.
    pub fn first(mut self, domain: &Domain) -> Result<Option<Selected<R>>> {
        self.query = self.query.limit(1);
        Ok(self.run(domain)?.into_iter().next())
    }
}

/// A record of which only some attributes were read (and the primary key).
#[derive(Clone, PartialEq)]
pub struct Selected<R> {
    record: Record,
    /// The attributes read, by index, in attribute order.
    selected: Vec<usize>,
    _marker: PhantomData<fn() -> R>,
}

impl<R: Resource> Selected<R> {
    /// The value of an attribute that was selected (or of a loaded
    /// calculation or aggregate): `Ok(None)` when it is nil.
    ///
    /// # Errors
    ///
    /// `Error::NotSelected` when the field was not selected (or loaded).
    pub fn get<T: AttributeValue, K>(&self, field: Field<R, T, K>) -> Result<Option<T>> {
        let value = self.value(field.name).ok_or_else(|| self.not_selected(field.name))?;
        if value.is_nil() {
            return Ok(None);
        }
        let kind = value.kind();
        T::from_value(value.clone()).map(Some).ok_or_else(|| {
            Error::DataLayer(format!("{}.{}: a {kind} does not fit the field's type", R::info().name, field.name))
        })
    }

    /// Whether `field` was read.
    pub fn is_selected<T, K>(&self, field: Field<R, T, K>) -> bool {
        self.value(field.name).is_some()
    }

    /// The value of a selected attribute (or loaded calculation or
    /// aggregate) by name; `None` when it was not read.
    pub fn value(&self, name: &str) -> Option<&Value> {
        match R::info().attribute_index(name) {
            Some(col) if self.selected.contains(&col) => self.record.row.get(col),
            Some(_) => None,
            None => self.record.loaded.iter().find(|(loaded, _)| *loaded == name).and_then(|(_, value)| match value {
                LoadedValue::Value(value) => Some(value),
                LoadedValue::One(_) | LoadedValue::Many(_) => None,
            }),
        }
    }

    /// The names of the attributes read, in attribute order.
    pub fn fields(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.selected.iter().map(|&col| R::info().attributes[col].name)
    }

    /// The values read as a JSON object (attributes, then loaded values):
    /// what an API would send.
    pub fn to_json(&self) -> serde_json::Value {
        let mut object = serde_json::Map::new();
        for (name, &col) in self.fields().zip(&self.selected) {
            object.insert(name.to_string(), self.record.row[col].to_json());
        }
        for (name, value) in &self.record.loaded {
            if let LoadedValue::Value(value) = value {
                object.insert(name.to_string(), value.to_json());
            }
        }
        serde_json::Value::Object(object)
    }

    fn not_selected(&self, field: &str) -> Error {
        Error::NotSelected { resource: R::info().name, field: field.to_string() }
    }
}

impl<R: Resource> std::fmt::Debug for Selected<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = f.debug_struct(&format!("Selected<{}>", R::info().name));
        for (name, &col) in self.fields().zip(&self.selected) {
            let attribute = &R::info().attributes[col];
            if attribute.sensitive {
                out.field(name, &format_args!("**redacted**"));
            } else {
                out.field(name, &format_args!("{}", self.record.row[col]));
            }
        }
        out.finish_non_exhaustive()
    }
}

impl Domain {
    /// `Select::run`.
    pub(crate) fn read_selected<R: Resource>(&self, query: &Query<R>, fields: &[String]) -> Result<Vec<Selected<R>>> {
        let span = self.action_span(R::info(), query.action, "read");
        let _entered = span.enter();
        let mut prepared = self.prepare(query)?;
        let info = prepared.info;
        let mut selected: Vec<usize> = info.primary_key().collect();
        for name in fields {
            let col = info.attribute_index(name).ok_or_else(|| {
                let what = if info.calculation(name).is_some() || info.aggregate(name).is_some() {
                    "is not an attribute: load it instead"
                } else {
                    "is not an attribute"
                };
                Error::DataLayer(format!("cannot select `{name}` of {}: it {what}", info.name))
            })?;
            selected.push(col);
        }
        selected.sort_unstable();
        selected.dedup();
        for load in &query.loads {
            if let Loadable::Relationship(rel) = loadable(info, load)? {
                return Err(Error::DataLayer(format!(
                    "a select of {} cannot load relationship `{}`: read the records whole to load it",
                    info.name, rel.name
                )));
            }
        }
        prepared.query.select = Some(selected.clone());
        let records = self.records(&prepared, &query.loads)?;
        Ok(records
            .into_iter()
            .map(|record| Selected { record, selected: selected.clone(), _marker: PhantomData })
            .collect())
    }
}
