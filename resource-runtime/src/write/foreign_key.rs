//! Foreign keys on a layer that does not enforce them itself
//! (`Capabilities::native_foreign_keys` false: ETS), as a SQL database
//! would: the same keys (`data_layer::foreign_key::foreign_keys`), the same
//! errors, the same `on_delete` / `on_update` actions, applied at the data
//! level (no actions, hooks or validations run for the rows they touch).
//!
//! Everything here runs inside the action's transaction, after its write
//! (the database checks a statement's keys when it ends, after its unique
//! indexes): a violation is an `Err`, and the transaction undoes the write
//! and whatever the actions did. Deferred keys (`deferrable: initially`)
//! are checked when the outermost transaction commits
//! (`DataLayer::check_at_commit`), on the rows as they are then.
//!
//! - create, update, upsert: each written key must reference a record
//!   (`author_id: does not exist`); a changed referenced column moves the
//!   rows referencing its old value by `on_update`;
//! - destroy: the rows referencing the record follow `on_delete`: `cascade`
//!   destroys them (and so on down), `nilify` sets their key to nil,
//!   `restrict` refuses at once and `nothing` when the destroy is done, if
//!   any are left (`id: would leave records behind`).

use std::sync::Arc;

use crate::data_layer::foreign_key::{
    ForeignKey, Incoming, does_not_exist, is_referenced, is_referencing, leaves_records_behind, referencing,
};
use crate::data_layer::{DataLayer, Target};
use crate::domain::Domain;
use crate::info::error::{Error, FieldError, Result};
use crate::info::value::{Row, Value};
use crate::info::{ReferenceAction, ResourceInfo};

/// The foreign key work of one write on a layer without native foreign
/// keys; `None` from [`Keys::of`] when there is none to do.
pub(crate) struct Keys<'a> {
    domain: &'a Domain,
    layer: &'a dyn DataLayer,
    target: Target<'a>,
    /// The target's own keys.
    keys: Arc<[ForeignKey]>,
    /// The keys referencing the target's table.
    incoming: Vec<Incoming>,
}

impl<'a> Keys<'a> {
    /// The work of a write to `target` on `layer`: `None` when the layer
    /// enforces foreign keys itself, or no key involves the resource
    /// (`related`: the domain's word for it, `DynChangeset::related`).
    pub(crate) fn of(
        domain: &'a Domain,
        layer: &'a dyn DataLayer,
        target: Target<'a>,
        related: bool,
    ) -> Result<Option<Keys<'a>>> {
        if !needed(layer, related) {
            return Ok(None);
        }
        let keys = domain.foreign_keys(target)?;
        let incoming = domain.incoming(target)?;
        Ok(Some(Keys { domain, layer, target, keys, incoming }))
    }

    /// Whether an update of columns `written` changes a column others
    /// reference: its stored row is then needed before the write.
    pub(crate) fn needs_old_row(&self, written: &dyn Fn(usize) -> bool) -> bool {
        self.incoming.iter().any(|incoming| self.referenced_column(incoming).is_some_and(written))
    }

    /// Whether an upsert overwriting `update_fields` on conflict needs the
    /// conflicting row (to know which keys it writes, or which referenced
    /// columns it changes).
    pub(crate) fn upsert_needs_existing(&self, update_fields: &[usize]) -> bool {
        let resource = self.target.resource;
        let unwritten_key = self
            .keys
            .iter()
            .any(|key| resource.attribute_index(key.column).is_some_and(|column| !update_fields.contains(&column)));
        unwritten_key || self.needs_old_row(&|column| update_fields.contains(&column))
    }

    fn referenced_column(&self, incoming: &Incoming) -> Option<usize> {
        self.target.resource.attribute_index(incoming.key.references_column)
    }

    /// After writing `stored` (its columns `written`; `old`: the row before,
    /// when a referenced column may have changed): its keys reference
    /// records, and the rows referencing a changed column follow `on_update`.
    pub(crate) fn after_write(&self, stored: &Row, written: &dyn Fn(usize) -> bool, old: Option<&Row>) -> Result<()> {
        let resource = self.target.resource;
        let mut errors = Vec::new();
        for key in self.keys.iter() {
            let Some(column) = resource.attribute_index(key.column) else { continue };
            if !written(column) || stored.get(column).is_none_or(Value::is_nil) {
                continue;
            }
            if key.is_deferred() {
                self.defer_key(stored, column, key)?;
            } else if !is_referenced(self.layer, resource, key, &stored[column])? {
                errors.push(does_not_exist(resource, key));
            }
        }
        if !errors.is_empty() {
            crate::data_layer::foreign_key::dedup(&mut errors);
            return Err(Error::Invalid(errors));
        }
        let Some(old) = old else { return Ok(()) };
        let mut walk = self.walk();
        walk.rekeyed(self.target, old, stored, None)?;
        walk.finish()
    }

    /// Destroys the row with primary key `pk`, and applies `on_delete` to
    /// the rows referencing it.
    pub(crate) fn destroy(&self, pk: &[Value]) -> Result<()> {
        if self.incoming.is_empty() {
            return self.layer.destroy(self.target, pk);
        }
        let columns: Vec<usize> = self.target.resource.primary_key().collect();
        // The row as stored: its referenced values are what rows reference.
        let stored = self.layer.get(self.target, &columns, pk)?;
        self.layer.destroy(self.target, pk)?;
        let Some(stored) = stored else { return Ok(()) };
        let mut walk = self.walk();
        walk.deleted(self.target, &stored, None, &self.incoming)?;
        walk.finish()
    }

    fn walk(&self) -> Walk<'_> {
        Walk { domain: self.domain, layer: self.layer, origin: self.target.resource, pending: Vec::new() }
    }

    /// A deferred key of the row just written: checked at commit, on the row as it is then.
    fn defer_key(&self, stored: &Row, column: usize, key: &ForeignKey) -> Result<()> {
        let resource = self.target.resource;
        let layer = self.domain.data_layer(resource)?;
        let table = self.target.table.map(str::to_string);
        let pk_columns: Vec<usize> = resource.primary_key().collect();
        let pk: Vec<Value> = pk_columns.iter().map(|&i| stored[i].clone()).collect();
        let key = key.clone();
        self.layer.check_at_commit(Box::new(move || {
            let target = Target::new(resource, table.as_deref());
            let Some(row) = layer.get(target, &pk_columns, &pk)? else { return Ok(()) };
            match row.get(column) {
                Some(value) if !value.is_nil() && !is_referenced(&*layer, resource, &key, value)? => {
                    Err(Error::invalid(does_not_exist(resource, &key)))
                }
                _ => Ok(()),
            }
        }))
    }
}

/// Whether a write on `layer` of a resource foreign keys involve
/// (`related`) has work to do here.
pub(crate) fn needed(layer: &dyn DataLayer, related: bool) -> bool {
    related && !layer.capabilities().native_foreign_keys
}

/// The primary key of `row`.
fn primary_key(resource: &ResourceInfo, row: &[Value]) -> Vec<Value> {
    resource.primary_key().map(|i| row[i].clone()).collect()
}

/// Referencing rows being followed from one destroyed or re-keyed record.
struct Walk<'a> {
    domain: &'a Domain,
    layer: &'a dyn DataLayer,
    /// The resource of the action: "would leave records behind" is its
    /// error, on its referenced attribute.
    origin: &'static ResourceInfo,
    /// `nothing` keys, checked when the write is done (as a statement's
    /// `NO ACTION`): the rows of `.0` whose key is `.1` must be gone; else
    /// the error is on field `.2`.
    pending: Vec<(Incoming, Value, &'static str)>,
}

impl Walk<'_> {
    /// `row` of `target` was destroyed: the rows referencing it (`incoming`) follow `on_delete`.
    fn deleted(
        &mut self,
        target: Target<'_>,
        row: &[Value],
        field: Option<&'static str>,
        incoming: &[Incoming],
    ) -> Result<()> {
        for incoming in incoming {
            let Some(referenced) = target.resource.attribute_index(incoming.key.references_column) else { continue };
            let Some(value) = row.get(referenced).filter(|value| !value.is_nil()) else { continue };
            let field = field.unwrap_or(incoming.key.references_column);
            self.react(incoming, value, None, field)?;
        }
        Ok(())
    }

    /// `old` of `target` became `new`: the rows referencing a changed
    /// column's old value follow `on_update`.
    fn rekeyed(&mut self, target: Target<'_>, old: &[Value], new: &[Value], field: Option<&'static str>) -> Result<()> {
        for incoming in self.domain.incoming(target)? {
            let Some(referenced) = target.resource.attribute_index(incoming.key.references_column) else { continue };
            let Some(value) = old.get(referenced).filter(|value| !value.is_nil()) else { continue };
            let next = new.get(referenced).cloned().unwrap_or(Value::Nil);
            if next == *value {
                continue;
            }
            let field = field.unwrap_or(incoming.key.references_column);
            self.react(&incoming, value, Some(&next), field)?;
        }
        Ok(())
    }

    /// The rows of `incoming`'s table whose key is `value`, as the record
    /// they reference is destroyed (`next` is `None`) or re-keyed to `next`.
    fn react(&mut self, incoming: &Incoming, value: &Value, next: Option<&Value>, field: &'static str) -> Result<()> {
        let deleting = next.is_none();
        let key = &incoming.key;
        match key.action(deleting) {
            ReferenceAction::Restrict => {
                if is_referencing(self.layer, incoming, value)? {
                    return Err(Error::invalid(leaves_records_behind(self.origin, field, key)));
                }
            }
            ReferenceAction::Nothing if key.is_deferred() => self.defer_rows(incoming, value)?,
            ReferenceAction::Nothing => self.pending.push((incoming.clone(), value.clone(), field)),
            action @ (ReferenceAction::Cascade | ReferenceAction::Nilify) => {
                let Some(column) = incoming.column() else { return Ok(()) };
                let source = incoming.source;
                let target = incoming.target();
                for child in referencing(self.layer, incoming, value, None)? {
                    let pk = primary_key(source, &child);
                    if deleting && action == ReferenceAction::Cascade {
                        match self.layer.destroy(target, &pk) {
                            // Destroyed already, through another reference.
                            Err(Error::NotFound { .. }) => continue,
                            done => done?,
                        }
                        let further = self.domain.incoming(target)?;
                        self.deleted(target, &child, Some(field), &further)?;
                        continue;
                    }
                    let value = match (action, next) {
                        (ReferenceAction::Cascade, Some(next)) => next.clone(),
                        _ => Value::Nil,
                    };
                    let attribute = &source.attributes[column];
                    if value.is_nil() && (!attribute.allow_nil || attribute.primary_key) {
                        // As the database's `SET NULL` on a `NOT NULL` column.
                        return Err(Error::invalid(FieldError::required(attribute.name)));
                    }
                    let stored = match self.layer.update(target, &pk, &[(column, value)]) {
                        Err(Error::NotFound { .. }) => continue,
                        stored => stored?,
                    };
                    self.rekeyed(target, &child, &stored, Some(field))?;
                }
            }
        }
        Ok(())
    }

    /// A deferred `nothing` key: at commit, no row may still reference
    /// `value` unless a record has it again.
    fn defer_rows(&self, incoming: &Incoming, value: &Value) -> Result<()> {
        let layer = self.domain.data_layer(incoming.source)?;
        let (incoming, value) = (incoming.clone(), value.clone());
        self.layer.check_at_commit(Box::new(move || {
            let dangling = is_referencing(&*layer, &incoming, &value)?
                && !is_referenced(&*layer, incoming.source, &incoming.key, &value)?;
            if dangling { Err(Error::invalid(does_not_exist(incoming.source, &incoming.key))) } else { Ok(()) }
        }))
    }

    /// The `nothing` keys, now that the write is done.
    fn finish(self) -> Result<()> {
        for (incoming, value, field) in &self.pending {
            if is_referencing(self.layer, incoming, value)? {
                return Err(Error::invalid(leaves_records_behind(self.origin, field, &incoming.key)));
            }
        }
        Ok(())
    }
}
