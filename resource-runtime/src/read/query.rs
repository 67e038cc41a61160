//! `Query`: a read of a resource through one of its read actions, as the
//! generated `Product::read()` starts it.

use std::marker::PhantomData;

use crate::data_layer::query::DataQuery;
use crate::domain::Domain;
use crate::expr::tree::Expr;
use crate::info::ActionKind;
use crate::info::error::Result;
use crate::info::value::Value;
use crate::read::load::{IntoLoad, Load, RelationLoad};
use crate::typed::field::{Relation, Sort};
use crate::typed::resource::Resource;

/// A read of `R` through one of its read actions.
#[derive(Debug, Clone)]
pub struct Query<R> {
    pub(crate) action: &'static str,
    pub(crate) query: DataQuery,
    /// Calculations, aggregates and relationships to load on the records.
    pub(crate) loads: Vec<Load>,
    /// A polymorphic resource's table (AshSqlite's `data_layer.table` context).
    pub(crate) table: Option<String>,
    /// The values of the action's `get_by` attributes, in their order.
    pub(crate) get_by: Option<Vec<Value>>,
    _marker: PhantomData<fn() -> R>,
}

impl<R: Resource> Query<R> {
    /// A read through read action `action` (what `Product::read()` starts).
    pub fn new(action: &'static str) -> Self {
        Query {
            action,
            query: DataQuery::default(),
            loads: Vec::new(),
            table: None,
            get_by: None,
            _marker: PhantomData,
        }
    }

    /// The values a read action with `get_by` looks records up by, in the
    /// order of its `get_by` list (what the generated `User::by_email(domain,
    /// email)` passes). Each is cast to its attribute's type.
    pub fn with_get_by(mut self, values: Vec<Value>) -> Self {
        self.get_by = Some(values);
        self
    }

    /// Loads a calculation, an aggregate or a relationship on every record
    /// read: `.load(ticket::status_subject)`, `.load(ticket::representative)`,
    /// `.load("representative.tickets")`, or a relationship with a query of
    /// its own, `.load(representative::tickets.query(Ticket::read().filter(..)))`.
    /// Relationships load with one read per level, however many records.
    pub fn load(mut self, load: impl IntoLoad<R>) -> Self {
        self.loads.push(load.into_load());
        self
    }

    /// Reads a polymorphic resource from `table` (AshSqlite's per-query
    /// `%{data_layer: %{table: ..}}` context).
    pub fn table(mut self, table: impl Into<String>) -> Self {
        self.table = Some(table.into());
        self
    }

    /// Adds a filter written with `expr!`; several filters are combined
    /// with `and`:
    ///
    /// ```ignore
    /// Product::read().filter(expr!(price < 1 && like(name, "%an%")))
    /// ```
    ///
    /// Any closure from the resource's field handles to an `Expr` will do:
    /// `.filter(|p| p.price.lt(dec!(1)))`.
    pub fn filter(self, build: impl FnOnce(&R::Fields) -> Expr) -> Self {
        let filter = build(R::fields());
        self.filter_expr(filter)
    }

    /// Adds a filter built beforehand: `.filter_expr(product::price.lt(dec!(1)))`.
    pub fn filter_expr(mut self, filter: Expr) -> Self {
        self.query.filter = Some(match self.query.filter.take() {
            Some(existing) => existing.and(filter),
            None => filter,
        });
        self
    }

    /// Adds a sort key; earlier keys take precedence.
    pub fn sort(mut self, sort: Sort) -> Self {
        self.query.sort.push((sort.field, sort.order));
        self
    }

    /// At most `limit` records.
    pub fn limit(mut self, limit: usize) -> Self {
        self.query.limit = Some(limit);
        self
    }

    /// Skips the first `offset` records (after sorting).
    pub fn offset(mut self, offset: usize) -> Self {
        self.query.offset = offset;
        self
    }

    /// Runs the read and returns every matching record.
    pub fn run(self, domain: &Domain) -> Result<Vec<R>> {
        domain.read(&self)
    }

    /// Runs the read and returns its one record (Ash's `read_one`).
    ///
    /// # Errors
    ///
    /// `Error::NotFound` when nothing matches, `Error::MultipleResults`
    /// when more than one record does.
    pub fn one(self, domain: &Domain) -> Result<R> {
        domain.read_one(&self)
    }

    /// Runs the read with `limit 1`.
    pub fn first(self, domain: &Domain) -> Result<Option<R>> {
        Ok(self.limit(1).run(domain)?.into_iter().next())
    }
}

/// A relationship load with a query of its own.
impl<R, D: Resource> Relation<R, D> {
    /// Loads the related records that `query` reads (its read action's
    /// filter, its filters, sort, limit and offset, per record) and what it loads.
    pub fn query(self, query: Query<D>) -> RelationLoad<R, D> {
        let (mut data, loads) = (query.query, query.loads);
        let action = D::info().action(query.action).filter(|a| a.kind == ActionKind::Read);
        if let Some(filter) = action.and_then(|a| a.filter) {
            data.filter = Some(match data.filter.take() {
                Some(extra) => filter().and(extra),
                None => filter(),
            });
        }
        RelationLoad { load: Load { name: self.name.to_string(), query: data, loads }, _marker: PhantomData }
    }
}
