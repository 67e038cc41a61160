//! The one trait the action runner talks to. ETS-like, SQLite and embedded
//! storage implement it; a Postgres layer would too.

pub mod ets;

use crate::error::Result;
use crate::info::ResourceInfo;
use crate::query::DataQuery;
use crate::value::{Row, Value};

/// What a data layer can do natively.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// Unique identities are enforced by the layer itself, atomically with writes.
    pub native_identities: bool,
    /// Several operations can be committed or rolled back together.
    pub transactions: bool,
    pub upsert: bool,
}

/// Storage for the records of registered resources.
///
/// Rows are full rows in attribute order. A unique violation (identity or
/// primary key) is reported as `Error::Invalid` with a `Taken` field error on
/// the identity's fields and its message; nothing is written in that case.
pub trait DataLayer: Send + Sync + 'static {
    /// A short name for messages (`"ets"`, `"sqlite"`).
    fn name(&self) -> &'static str;

    fn capabilities(&self) -> Capabilities;

    /// Prepares storage for a resource (tables, indexes). Idempotent.
    fn register(&self, resource: &'static ResourceInfo) -> Result<()>;

    /// Inserts a new row. A duplicate primary key or identity is an error.
    fn create(&self, resource: &'static ResourceInfo, row: Row) -> Result<Row>;

    /// Inserts `row`, or when a row with equal values in `conflict_keys`
    /// (attribute indices) exists, overwrites that row's `update_fields` with
    /// the values from `row`. Returns the stored row.
    fn upsert(
        &self,
        resource: &'static ResourceInfo,
        row: Row,
        conflict_keys: &[usize],
        update_fields: &[usize],
    ) -> Result<Row>;

    /// Rows matching the query, sorted, then offset and limited.
    fn read(&self, resource: &'static ResourceInfo, query: &DataQuery) -> Result<Vec<Row>>;

    /// The row whose attributes `keys` (indices; the primary key or an
    /// identity's keys) equal `values`. Uses an index, not a scan.
    fn get(&self, resource: &'static ResourceInfo, keys: &[usize], values: &[Value]) -> Result<Option<Row>>;

    /// Writes `changes` (attribute index, new value) to the row with primary
    /// key `pk` and returns the updated row; `NotFound` if there is none.
    fn update(&self, resource: &'static ResourceInfo, pk: &[Value], changes: &[(usize, Value)]) -> Result<Row>;

    /// Deletes the row with primary key `pk`; `NotFound` if there is none.
    fn destroy(&self, resource: &'static ResourceInfo, pk: &[Value]) -> Result<()>;
}
