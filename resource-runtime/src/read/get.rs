//! Lookups by primary key and by identity, straight through the data
//! layer's index (no read action involved).

use crate::domain::Domain;
use crate::info::ResourceInfo;
use crate::info::cast::cast_value;
use crate::info::error::{Error, FieldError, FieldErrorKind, Result};
use crate::info::value::Value;
use crate::typed::resource::Resource;

/// Lookups by primary key and identity (reads through actions: `prepare.rs`).
impl Domain {
    /// The record with this primary key (values in key order); `NotFound` if none.
    pub fn get<R: Resource>(&self, pk: Vec<Value>) -> Result<R> {
        let info = R::info();
        let keys: Vec<usize> = info.primary_key().collect();
        let names = keys.iter().map(|&i| info.attributes[i].name);
        self.get_by_keys(info, &keys, names, pk)
    }

    /// The record whose identity `identity` has these key values (in key order); `NotFound` if none.
    pub fn get_by_identity<R: Resource>(&self, identity: &str, values: Vec<Value>) -> Result<R> {
        let info = R::info();
        let found = info
            .identity(identity)
            .ok_or_else(|| Error::DataLayer(format!("resource {} has no identity `{identity}`", info.name)))?;
        let keys: Vec<usize> = found.keys.iter().filter_map(|k| info.attribute_index(k)).collect();
        self.get_by_keys(info, &keys, found.keys.iter().copied(), values)
    }

    fn get_by_keys<R: Resource>(
        &self,
        info: &'static ResourceInfo,
        keys: &[usize],
        names: impl Iterator<Item = &'static str>,
        values: Vec<Value>,
    ) -> Result<R> {
        // Cast each value to its attribute's type (a `&str` for a ci string,
        // say); one that does not cast is invalid input, as in Ash.
        let mut errors = Vec::new();
        let mut cast = Vec::with_capacity(values.len());
        for (&i, value) in keys.iter().zip(values) {
            let attribute = &info.attributes[i];
            match cast_value(attribute.ty, value) {
                Ok(value) => cast.push(value),
                Err(message) => errors.push(FieldError::new(attribute.name, FieldErrorKind::InvalidType, message)),
            }
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let values = cast;
        match self.registered(info)?.layer.get(info.into(), keys, &values)? {
            Some(row) => R::from_row(row),
            None => {
                Err(Error::NotFound { resource: info.name, lookup: names.map(str::to_string).zip(values).collect() })
            }
        }
    }
}
