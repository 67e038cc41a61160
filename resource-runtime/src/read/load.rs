//! What a read loads beside its records (Ash's `Ash.Query.load`):
//! calculations, aggregates and relationships, the latter with a query of
//! their own (filter, sort, limit, offset) and nested loads.
//!
//! ```ignore
//! Ticket::read().load(ticket::status_subject).load(ticket::representative);
//! Ticket::read().load("representative.tickets");
//! Representative::read().load(representative::tickets.query(
//!     Ticket::read().filter(expr!(status == "open")).sort(ticket::subject.asc()).load(ticket::status_subject),
//! ));
//! ```

use std::marker::PhantomData;

use crate::data_layer::query::DataQuery;
use crate::info::ResourceInfo;
use crate::info::error::{Error, Result};
use crate::typed::field::{Field, Relation, role};
use crate::typed::resource::Resource;

/// One thing to load, by name; for a relationship, the query of the related
/// records and what to load on them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Load {
    /// The calculation's, aggregate's or relationship's name.
    pub name: String,
    /// Relationships: the related records' filter, sort, limit and offset
    /// (limit and offset apply per record, as Ash's lateral joins do).
    pub query: DataQuery,
    /// Relationships: what to load on the related records.
    pub loads: Vec<Load>,
}

impl Load {
    /// A load of `name` with no query or nested loads.
    pub fn new(name: impl Into<String>) -> Load {
        Load { name: name.into(), ..Load::default() }
    }

    /// `"representative.tickets"`: each name loaded on the records of the one before.
    pub fn path(path: &str) -> Load {
        let mut names = path.rsplit('.');
        let mut load = Load::new(names.next().unwrap_or_default());
        for name in names {
            load = Load { loads: vec![load], ..Load::new(name) };
        }
        load
    }
}

/// What `Query::load` takes for a read of `R`: a field handle of a
/// calculation or aggregate (`ticket::status_subject`), a relationship handle
/// (`ticket::representative`), one with a query or nested loads
/// (`representative::tickets.load(ticket::status_subject)`), or a dotted
/// path (`"representative.tickets"`). Names are checked when the read runs.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be loaded",
    label = "not a relationship, calculation or aggregate of `{R}`",
    note = "`load` takes the handles of relationships, calculations and aggregates, or a path \"a.b\""
)]
pub trait IntoLoad<R> {
    /// The load, by name.
    fn into_load(self) -> Load;
}

/// A calculation's or aggregate's handle. An attribute's is an error
/// ([`Loadable`]): attributes are always there, so loading one would do nothing.
impl<R, T, K: LoadableField> IntoLoad<R> for Field<R, T, K> {
    fn into_load(self) -> Load {
        Load::new(self.name)
    }
}

/// What a field handle names that `load` takes: a calculation or an aggregate.
#[diagnostic::on_unimplemented(
    message = "an attribute cannot be loaded: attributes are always loaded",
    label = "an attribute",
    note = "`load` takes relationships, calculations and aggregates"
)]
pub trait LoadableField {}

impl LoadableField for role::Computed {}

impl<R, D> IntoLoad<R> for Relation<R, D> {
    fn into_load(self) -> Load {
        Load::new(self.name)
    }
}

impl<R> IntoLoad<R> for &str {
    fn into_load(self) -> Load {
        Load::path(self)
    }
}

impl<R> IntoLoad<R> for String {
    fn into_load(self) -> Load {
        Load::path(&self)
    }
}

/// A relationship load with its own query or nested loads, made by
/// [`Relation::query`] (in `query.rs`) and [`Relation::load`].
pub struct RelationLoad<R, D> {
    pub(crate) load: Load,
    pub(crate) _marker: PhantomData<fn() -> (R, D)>,
}

impl<R, D> Clone for RelationLoad<R, D> {
    fn clone(&self) -> Self {
        RelationLoad { load: self.load.clone(), _marker: PhantomData }
    }
}

impl<R, D> std::fmt::Debug for RelationLoad<R, D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.load.fmt(f)
    }
}

impl<R, D> IntoLoad<R> for RelationLoad<R, D> {
    fn into_load(self) -> Load {
        self.load
    }
}

impl<R, D: Resource> RelationLoad<R, D> {
    /// Also loads `load` on the related records.
    pub fn load(mut self, load: impl IntoLoad<D>) -> Self {
        self.load.loads.push(load.into_load());
        self
    }
}

impl<R, D: Resource> Relation<R, D> {
    /// Loads the related records, and `load` on them.
    pub fn load(self, load: impl IntoLoad<D>) -> RelationLoad<R, D> {
        RelationLoad { load: Load { loads: vec![load.into_load()], ..Load::new(self.name) }, _marker: PhantomData }
    }
}

/// What a load's name is on `resource`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Loadable {
    /// An attribute: always there, nothing to do.
    Attribute,
    /// A calculation or an aggregate: a computed value.
    Computed(&'static str),
    Relationship(&'static crate::info::RelationshipInfo),
}

pub(crate) fn loadable(resource: &ResourceInfo, load: &Load) -> Result<Loadable> {
    let name = load.name.as_str();
    let nested = !load.loads.is_empty() || load.query != DataQuery::default();
    let found = if resource.attribute(name).is_some() {
        Loadable::Attribute
    } else if let Some(calculation) = resource.calculation(name) {
        Loadable::Computed(calculation.name)
    } else if let Some(aggregate) = resource.aggregate(name) {
        Loadable::Computed(aggregate.name)
    } else if let Some(relationship) = resource.relationship(name) {
        return Ok(Loadable::Relationship(relationship));
    } else {
        return Err(Error::NoSuchLoad { resource: resource.name, name: name.to_string() });
    };
    if nested {
        return Err(Error::DataLayer(format!(
            "`{name}` of {} is not a relationship: it takes no query or nested loads",
            resource.name
        )));
    }
    Ok(found)
}
