//! A record as the runtime carries it between the data layer and the typed
//! struct: its row and what was loaded beside it.

use crate::info::value::{Row, Value};

/// A record between the data layer and its struct: the attributes' row and
/// the values loaded beside it, by name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Record {
    pub row: Row,
    pub loaded: Vec<(&'static str, LoadedValue)>,
}

impl Record {
    pub fn new(row: Row) -> Record {
        Record { row, loaded: Vec::new() }
    }

    /// The loaded value called `name`, if any.
    pub fn get(&self, name: &str) -> Option<&LoadedValue> {
        self.loaded.iter().rev().find(|(n, _)| *n == name).map(|(_, value)| value)
    }
}

/// One loaded value: a calculation's or aggregate's value, the record of a
/// to-one relationship, or the records of a to-many one.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadedValue {
    Value(Value),
    One(Option<Box<Record>>),
    Many(Vec<Record>),
}
