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
        let span = self.action_span(info, "get", "read");
        let _entered = span.enter();
        with_indices(info.primary_key(), |keys| {
            let names = keys.iter().map(|&i| info.attributes[i].name);
            self.get_by_keys(info, keys, names, pk)
        })
    }

    /// The record whose identity `identity` has these key values (in key order); `NotFound` if none.
    pub fn get_by_identity<R: Resource>(&self, identity: &str, values: Vec<Value>) -> Result<R> {
        let info = R::info();
        let span = self.action_span(info, "get_by_identity", "read");
        let _entered = span.enter();
        let found = info
            .identity(identity)
            .ok_or_else(|| Error::DataLayer(format!("resource {} has no identity `{identity}`", info.name)))?;
        with_indices(found.keys.iter().filter_map(|k| info.attribute_index(k)), |keys| {
            self.get_by_keys(info, keys, found.keys.iter().copied(), values)
        })
    }

    fn get_by_keys<R: Resource>(
        &self,
        info: &'static ResourceInfo,
        keys: &[usize],
        names: impl Iterator<Item = &'static str>,
        mut values: Vec<Value>,
    ) -> Result<R> {
        // Cast each value to its attribute's type (a `&str` for a ci string,
        // say); one that does not cast is invalid input, as in Ash. In place:
        // a second `Vec` was a tenth of a get's instructions outside SQLite.
        // Values past the keys are dropped, as zipping them did.
        values.truncate(keys.len());
        let mut errors = Vec::new();
        for (&i, value) in keys.iter().zip(values.iter_mut()) {
            let attribute = &info.attributes[i];
            match cast_value(attribute.ty, std::mem::replace(value, Value::Nil)) {
                Ok(cast) => *value = cast,
                Err(message) => errors.push(FieldError::new(attribute.name, FieldErrorKind::InvalidType, message)),
            }
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        // The record built as the layer decodes its row.
        let mut record = None;
        self.registered(info)?.layer.get_each(info.into(), keys, &values, &mut |row| {
            record = Some(R::from_values(row)?);
            Ok(())
        })?;
        record.ok_or_else(|| Error::NotFound {
            resource: info.name,
            lookup: names.map(str::to_string).zip(values).collect(),
        })
    }
}

/// Keys of a get are one or two attributes: up to this many are gathered
/// on the stack instead of in a `Vec` per call.
const ON_STACK: usize = 4;

/// `f` with the attribute indices `indices` as a slice.
fn with_indices<T>(indices: impl Iterator<Item = usize>, f: impl FnOnce(&[usize]) -> T) -> T {
    let mut stack = [0usize; ON_STACK];
    let mut len = 0;
    let mut rest = Vec::new();
    for index in indices {
        if len < ON_STACK {
            stack[len] = index;
            len += 1;
        } else {
            if rest.is_empty() {
                rest.extend_from_slice(&stack);
            }
            rest.push(index);
        }
    }
    if rest.is_empty() { f(&stack[..len]) } else { f(&rest) }
}
