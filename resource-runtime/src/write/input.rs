//! The input of a create, update or destroy action: what a generated
//! builder's setters gather before the changeset is built (the
//! `changeset`, `run` and `run_destroy` that end a builder are in `changeset.rs`).

use std::marker::PhantomData;

use crate::info::ActionKind;
use crate::info::value::{Row, Value};
use crate::typed::resource::Resource;
use crate::write::identity::UpsertOverride;

/// The input of one create, update or destroy action on `R`, gathered by a
/// generated builder's setters.
#[derive(Debug, Clone)]
pub struct ActionInput<R> {
    _resource: PhantomData<fn() -> R>,
    pub(crate) action: &'static str,
    pub(crate) kind: ActionKind,
    /// The record updated or destroyed, as its row (copied once, here).
    pub(crate) record: Option<Row>,
    pub(crate) inputs: Vec<(&'static str, Value)>,
    /// A polymorphic resource's table.
    pub(crate) table: Option<String>,
    /// This call's changes to its upsert action's options.
    pub(crate) upsert: UpsertOverride,
}

impl<R: Resource> ActionInput<R> {
    fn new(action: &'static str, kind: ActionKind, record: Option<Row>) -> Self {
        let upsert = UpsertOverride::default();
        ActionInput { _resource: PhantomData, action, kind, record, inputs: Vec::new(), table: None, upsert }
    }

    /// The input of create action `action`.
    pub fn create(action: &'static str) -> Self {
        Self::new(action, ActionKind::Create, None)
    }

    /// The input of update action `action` on `record`.
    pub fn update(action: &'static str, record: &R) -> Self {
        Self::new(action, ActionKind::Update, Some(record.to_row()))
    }

    /// The input of destroy action `action` on `record`.
    pub fn destroy(action: &'static str, record: &R) -> Self {
        Self::new(action, ActionKind::Destroy, Some(record.to_row()))
    }

    /// Sets an attribute or argument; a later call for the same name wins.
    pub fn set(&mut self, name: &'static str, value: Value) {
        match self.inputs.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.inputs.push((name, value)),
        }
    }

    /// Writes to `table` (a polymorphic resource's; records do not remember
    /// the table they were read from, so updates and destroys name it too).
    pub fn set_table(&mut self, table: String) {
        self.table = Some(table);
    }

    /// Resolves this call's conflicts on identity `name` instead of the
    /// action's `upsert_identity`.
    pub fn set_upsert_identity(&mut self, name: &'static str) {
        self.upsert.identity = Some(name.to_string());
    }

    /// Overwrites exactly `names` on conflict in this call (`[]`: nothing,
    /// the update timestamps neither), instead of the action's `upsert_fields`.
    pub fn set_upsert_fields(&mut self, names: Vec<&'static str>) {
        self.upsert.fields = Some(names.into_iter().map(str::to_string).collect());
    }

    /// This call's `touch_update_defaults?`.
    pub fn set_touch_update_defaults(&mut self, touch: bool) {
        self.upsert.touch_update_defaults = Some(touch);
    }
}
