//! The ETS-like in-memory data layer (being written).

use crate::data_layer::{Capabilities, DataLayer};
use crate::error::Result;
use crate::info::ResourceInfo;
use crate::query::DataQuery;
use crate::value::{Row, Value};

#[derive(Default)]
pub struct Ets {}

impl Ets {
    pub fn new() -> Self {
        Ets::default()
    }
}

impl DataLayer for Ets {
    fn name(&self) -> &'static str {
        "ets"
    }
    fn capabilities(&self) -> Capabilities {
        Capabilities { native_identities: true, transactions: false, upsert: true }
    }
    fn register(&self, _resource: &'static ResourceInfo) -> Result<()> {
        todo!()
    }
    fn create(&self, _resource: &'static ResourceInfo, _row: Row) -> Result<Row> {
        todo!()
    }
    fn upsert(&self, _r: &'static ResourceInfo, _row: Row, _k: &[usize], _u: &[usize]) -> Result<Row> {
        todo!()
    }
    fn read(&self, _resource: &'static ResourceInfo, _query: &DataQuery) -> Result<Vec<Row>> {
        todo!()
    }
    fn get(&self, _r: &'static ResourceInfo, _keys: &[usize], _values: &[Value]) -> Result<Option<Row>> {
        todo!()
    }
    fn update(&self, _r: &'static ResourceInfo, _pk: &[Value], _changes: &[(usize, Value)]) -> Result<Row> {
        todo!()
    }
    fn destroy(&self, _r: &'static ResourceInfo, _pk: &[Value]) -> Result<()> {
        todo!()
    }
}
