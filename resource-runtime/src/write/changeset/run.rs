//! Running a changeset: refuse it if invalid, then (in a transaction when
//! the action is more than one data-layer call) the `before_action` hooks,
//! the identity pre-checks, the write (with its foreign keys, on a layer
//! without native ones) and the `after_action` hooks; the
//! `after_transaction` hooks after it.

use std::borrow::Cow;

use super::DynChangeset;
use super::change::guarded;
use crate::data_layer::{DataLayer, Target};
use crate::info::ActionKind;
use crate::info::error::{Error, FieldError, FieldErrorKind, Result};
use crate::info::value::{Row, Value};
use crate::write::foreign_key::{self, Keys};
use crate::write::identity;

impl DynChangeset {
    /// Where the write goes: the resource, in the action's table if it names one.
    pub(crate) fn target(&self) -> Target<'_> {
        Target { resource: self.resource, table: self.table.as_deref() }
    }

    /// What the identity checks read of this changeset.
    pub(super) fn identity_write(&self) -> identity::Write<'_> {
        identity::Write {
            domain: &self.domain,
            target: self.target(),
            action: self.action,
            data: self.data.as_deref(),
            new_row: self.new_row(),
            upsert_identity: identity::upsert_identity(self.action, &self.upsert),
        }
    }

    /// The full row to insert: every attribute's new value or nil.
    pub(crate) fn new_row(&self) -> Row {
        (0..self.resource.attributes.len()).map(|i| self.attribute_at(i)).collect()
    }

    /// Whether nothing reads the changeset after its write: no
    /// `after_action` or `after_transaction` hook (they see it).
    fn spent_by_write(&self) -> bool {
        self.hooks.after_action.is_empty() && self.hooks.after_transaction.is_empty()
    }

    /// `new_row` for the write, moving the new values out of the changeset
    /// when nothing reads it after the write (`spent_by_write`): a copy of
    /// each value saved, and the row is the changes' own `Vec` (nil where
    /// nothing changes; the changeset keeps no changes after it).
    pub(crate) fn new_row_to_store(&mut self) -> Row {
        if !self.spent_by_write() || self.changes.len() != self.resource.attributes.len() {
            return self.new_row();
        }
        let mut row = std::mem::take(&mut self.changes);
        if let Some(data) = &self.data {
            for (index, value) in row.iter_mut().enumerate() {
                if !self.changing.get(index) {
                    *value = data[index].clone();
                }
            }
        }
        row
    }

    /// An update's changes, by attribute index: moved out when nothing
    /// reads the changeset after the write (`spent_by_write`), else copied.
    fn update_changes(&mut self) -> Vec<(usize, Value)> {
        let changing = (0..self.changes.len()).filter(|&i| self.changing.get(i));
        if self.spent_by_write() {
            let mut changes = std::mem::take(&mut self.changes);
            changing.map(|i| (i, std::mem::replace(&mut changes[i], Value::Nil))).collect()
        } else {
            changing.map(|i| (i, self.changes[i].clone())).collect()
        }
    }

    /// The record's primary key: borrowed from it for a key of one
    /// attribute (no `Vec` per update or destroy), else copied.
    fn primary_key_of_data(&self) -> Result<Cow<'_, [Value]>> {
        let row = self.data.as_ref().ok_or_else(|| Error::DataLayer("no record given to the action".into()))?;
        let mut key = self.resource.primary_key();
        Ok(match (key.next(), key.next()) {
            (Some(i), None) => Cow::Borrowed(std::slice::from_ref(&row[i])),
            _ => Cow::Owned(self.resource.primary_key().map(|i| row[i].clone()).collect()),
        })
    }

    /// Runs a create or update; returns the stored row. The
    /// `before_action` hooks, the pre-checks, the write and the
    /// `after_action` hooks run in one transaction of the resource's data
    /// layer: they commit together or not at all. The `after_transaction`
    /// hooks then see the outcome.
    pub fn run(self) -> Result<Row> {
        let span = self.domain.action_span(self.resource, self.action.name, self.action.kind.as_str());
        let _entered = span.enter();
        if !self.is_valid() {
            return Err(Error::Invalid(self.errors));
        }
        self.check_upsert_override()?;
        let layer = self.domain.data_layer(self.resource)?;
        let mut this = self;
        let outcome = this.write_in_transaction(&*layer);
        this.after_transaction_hooks(outcome)
    }

    /// Upsert overrides need an upsert action, and name what the resource has.
    fn check_upsert_override(&self) -> Result<()> {
        if self.upsert == identity::UpsertOverride::default() {
            return Ok(());
        }
        if !(self.action.kind == ActionKind::Create && self.action.upsert) {
            let message = format!("action `{}` of {} is not an upsert", self.action.name, self.resource.name);
            return Err(Error::invalid(FieldError::new("upsert", FieldErrorKind::NotAccepted, message)));
        }
        identity::upsert_plan(self.resource, self.action, &self.upsert, |i| self.explicit.get(i)).map(drop)
    }

    /// `write_with_hooks` in a transaction of `layer`, unless the action is
    /// one data-layer call and nothing else: each call is atomic (a failed
    /// one writes nothing, `DataLayer`), so a transaction of its own adds
    /// nothing but `BEGIN`/`COMMIT`, or inside `Domain::transaction` a
    /// savepoint and its release, per action. With a hook or a pre-check
    /// there is more than the write to keep together (an `after_action`
    /// failure must undo the write), so those keep the transaction.
    fn write_in_transaction(&mut self, layer: &dyn DataLayer) -> Result<Row> {
        if self.is_one_call(layer) {
            return self.write_with_hooks(layer);
        }
        layer.transact(|| self.write_with_hooks(layer))
    }

    /// Whether running this changeset is exactly one data-layer write: no
    /// `before_action` or `after_action` hook, no identity pre-check, not
    /// an upsert the layer does in steps, and no foreign key the write path
    /// checks itself.
    fn is_one_call(&self, layer: &dyn DataLayer) -> bool {
        let capabilities = layer.capabilities();
        let every = !capabilities.native_identities;
        let upsert = self.action.kind == ActionKind::Create && self.action.upsert;
        let upsert_in_steps = upsert && (!capabilities.upsert || self.action.upsert_condition.is_some());
        self.hooks.before_action.is_empty()
            && self.hooks.after_action.is_empty()
            && !upsert_in_steps
            && !identity::any(self.resource, |i| every || i.pre_check)
            && !foreign_key::needed(layer, self.related)
    }

    /// Whether running this changeset is one `DataLayer::create` of
    /// `new_row_to_store` and nothing else (`is_one_call`, not an upsert):
    /// what `Domain::bulk_create` may hand to `DataLayer::create_many`.
    pub(crate) fn is_one_create(&self, layer: &dyn DataLayer) -> bool {
        self.action.kind == ActionKind::Create && !self.action.upsert && self.is_one_call(layer)
    }

    /// Inside the caller's transaction: `before_action` hooks, then the
    /// pre-checks and the write (or the destroy), then `after_action` hooks.
    pub(crate) fn write_with_hooks(&mut self, layer: &dyn DataLayer) -> Result<Row> {
        if !self.hooks.before_action.is_empty() {
            self.before_action_hooks(layer)?;
        }
        if !self.is_valid() {
            return Err(Error::Invalid(self.errors.clone()));
        }
        let mut row = if self.action.kind == ActionKind::Destroy {
            let pk = self.primary_key_of_data()?;
            match Keys::of(&self.domain, layer, self.target(), self.related)? {
                Some(keys) => keys.destroy(&pk)?,
                None => layer.destroy(self.target(), &pk)?,
            }
            // The destroyed record is handed to the after hooks; without
            // any, nothing reads it (`run_destroy` drops it): not copied.
            if self.hooks.after_action.is_empty() && self.hooks.after_transaction.is_empty() {
                Row::new()
            } else {
                self.data.clone().ok_or_else(|| Error::DataLayer("no record given to the action".into()))?
            }
        } else {
            self.write(layer)?
        };
        if !self.hooks.after_action.is_empty() {
            self.after_action_hooks(layer, &mut row)?;
        }
        Ok(row)
    }

    /// The `before_action` hooks, in order (one may add another).
    fn before_action_hooks(&mut self, layer: &dyn DataLayer) -> Result<()> {
        let domain = self.domain.clone();
        let in_transaction = layer.capabilities().transactions;
        let mut index = 0;
        while let Some(hook) = self.hooks.before_action.get(index).cloned() {
            let context = self.context_with(&domain, in_transaction);
            guarded(|| hook(self, &context)).map_err(|message| self.panicked("before_action hook", message))??;
            index += 1;
        }
        Ok(())
    }

    /// The `after_action` hooks, in order, on the written `row`.
    fn after_action_hooks(&self, layer: &dyn DataLayer, row: &mut Row) -> Result<()> {
        let domain = self.domain.clone();
        let context = self.context_with(&domain, layer.capabilities().transactions);
        for hook in &self.hooks.after_action {
            guarded(|| hook(self, row, &context)).map_err(|message| self.panicked("after_action hook", message))??;
        }
        Ok(())
    }

    /// Runs the `after_transaction` hooks with the outcome; the first
    /// error one returns (or its panic) replaces a successful outcome.
    pub(crate) fn after_transaction_hooks(&self, outcome: Result<Row>) -> Result<Row> {
        // No hook: the outcome as it is (a copy of the row per write, else).
        if self.hooks.after_transaction.is_empty() {
            return outcome;
        }
        let domain = self.domain.clone();
        let context = self.context_with(&domain, false);
        let mut result = outcome.clone();
        for hook in &self.hooks.after_transaction {
            let ran = guarded(|| hook(self, &outcome, &context));
            let ran = ran.map_err(|message| self.panicked("after_transaction hook", message));
            if let Err(error) = ran.and_then(|r| r)
                && result.is_ok()
            {
                result = Err(error);
            }
        }
        result
    }

    /// Pre-checks, then the one data-layer call of a create or update.
    pub(crate) fn write(&mut self, layer: &dyn DataLayer) -> Result<Row> {
        // A layer that does not enforce identities atomically gets every
        // identity checked here, inside its transaction (Ash's ETS needs
        // `pre_check_with` for the same reason).
        let every = !layer.capabilities().native_identities;
        if identity::any(self.resource, |i| every || i.pre_check) {
            let pre_check_errors = identity::pre_check(&self.identity_write(), every)?;
            if !pre_check_errors.is_empty() {
                return Err(Error::Invalid(pre_check_errors));
            }
        }
        let plain_create = self.action.kind == ActionKind::Create && !self.action.upsert;
        let to_store = plain_create.then(|| self.new_row_to_store());
        let update_changes = (self.action.kind == ActionKind::Update).then(|| self.update_changes());
        // The layer's own foreign keys, or the write path's (after the write).
        let keys = Keys::of(&self.domain, layer, self.target(), self.related)?;
        let all = |_: usize| true;
        match self.action.kind {
            ActionKind::Create if self.action.upsert => {
                let plan = identity::upsert_plan(self.resource, self.action, &self.upsert, |i| self.explicit.get(i))?;
                let (conflict, fields) = (plan.keys, plan.fields);
                let row = self.new_row();
                // `upsert_condition`: a conflicting record it rejects is returned as it is.
                if let Some(condition) = self.action.upsert_condition {
                    let values: Vec<Value> = conflict.iter().map(|&k| row[k].clone()).collect();
                    if let Some(found) = layer.get(self.target(), &conflict, &values)?
                        && !condition().matches(self.resource, &found)?
                    {
                        return Ok(found);
                    }
                }
                // Which columns the upsert writes: all on insert, `fields` on conflict.
                let existing = match &keys {
                    Some(keys) if keys.upsert_needs_existing(&fields) => {
                        let values: Vec<Value> = conflict.iter().map(|&k| row[k].clone()).collect();
                        layer.get(self.target(), &conflict, &values)?
                    }
                    _ => None,
                };
                let stored = if layer.capabilities().upsert {
                    layer.upsert(self.target(), row, &conflict, &fields)?
                } else {
                    upsert_by_steps(layer, self.target(), row, &conflict, &fields)?
                };
                if let Some(keys) = keys {
                    match &existing {
                        Some(old) => keys.after_write(&stored, &|i| fields.contains(&i), Some(old))?,
                        None => keys.after_write(&stored, &all, None)?,
                    }
                }
                Ok(stored)
            }
            ActionKind::Create => {
                let row = to_store.unwrap_or_else(|| self.new_row());
                let stored = layer.create(self.target(), row)?;
                if let Some(keys) = keys {
                    keys.after_write(&stored, &all, None)?;
                }
                Ok(stored)
            }
            ActionKind::Update => {
                let changes = update_changes.unwrap_or_default();
                let pk = self.primary_key_of_data()?;
                if changes.is_empty() {
                    return self.data.clone().ok_or_else(|| Error::DataLayer("no record given to the action".into()));
                }
                let written = |i: usize| changes.iter().any(|(col, _)| *col == i);
                let old = match &keys {
                    Some(keys) if keys.needs_old_row(&written) => {
                        let columns: Vec<usize> = self.resource.primary_key().collect();
                        layer.get(self.target(), &columns, &pk)?
                    }
                    _ => None,
                };
                let stored = match &self.data {
                    Some(seen) => layer.update_seen(self.target(), &pk, seen, &changes)?,
                    None => layer.update(self.target(), &pk, &changes)?,
                };
                if let Some(keys) = keys {
                    keys.after_write(&stored, &written, old.as_ref())?;
                }
                Ok(stored)
            }
            kind => Err(Error::NoSuchAction {
                resource: self.resource.name,
                action: self.action.name.to_string(),
                kind: kind.as_str(),
            }),
        }
    }

    /// Runs a destroy, in a transaction of the resource's data layer, with
    /// its hooks as [`DynChangeset::run`] runs them (`after_action` hooks
    /// get the destroyed record).
    pub fn run_destroy(self) -> Result<()> {
        let span = self.domain.action_span(self.resource, self.action.name, self.action.kind.as_str());
        let _entered = span.enter();
        if !self.is_valid() {
            return Err(Error::Invalid(self.errors));
        }
        self.primary_key_of_data()?;
        let layer = self.domain.data_layer(self.resource)?;
        let mut this = self;
        let outcome = this.write_in_transaction(&*layer);
        this.after_transaction_hooks(outcome).map(drop)
    }
}

/// An upsert for a layer that has no atomic one (its capabilities say so):
/// look the conflict keys up, then update the found row's `update_fields`
/// or create the row, inside the caller's transaction.
fn upsert_by_steps(
    layer: &dyn DataLayer,
    target: Target<'_>,
    row: Row,
    keys: &[usize],
    update_fields: &[usize],
) -> Result<Row> {
    let resource = target.resource;
    let values: Vec<Value> = keys.iter().map(|&k| row[k].clone()).collect();
    let Some(found) = layer.get(target, keys, &values)? else { return layer.create(target, row) };
    let pk: Vec<Value> = resource.primary_key().map(|i| found[i].clone()).collect();
    let changes: Vec<(usize, Value)> = update_fields.iter().map(|&i| (i, row[i].clone())).collect();
    if changes.is_empty() {
        return Ok(found);
    }
    layer.update(target, &pk, &changes)
}
