//! A record as the runtime carries it between the data layer and the typed
//! struct: its row and what was loaded beside it.

use crate::info::value::{Row, Value};

/// A record between the data layer and its struct: the attributes' row and
/// the values loaded beside it, by name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Record {
    /// One value per attribute, in declaration order.
    pub row: Row,
    /// The loaded calculations, aggregates and relationships, by name; a
    /// later entry of the same name wins.
    pub loaded: Vec<(&'static str, LoadedValue)>,
}

impl Record {
    /// A record of `row` with nothing loaded.
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
    /// A calculation's or aggregate's value.
    Value(Value),
    /// A `belongs_to` or `has_one` relationship: the related record, or `None`.
    One(Option<Box<Record>>),
    /// A `has_many` or `many_to_many` relationship: the related records.
    Many(Vec<Record>),
}
