//! The input of a create, update or destroy action: what a generated
//! builder's setters gather before the changeset is built (the
//! `changeset`, `run` and `run_destroy` that end a builder are in `changeset.rs`).

use crate::info::ActionKind;
use crate::info::value::Value;
use crate::typed::resource::Resource;

/// The input of one create, update or destroy action on `R`, gathered by a
/// generated builder's setters.
#[derive(Debug, Clone)]
pub struct ActionInput<R> {
    pub(crate) action: &'static str,
    pub(crate) kind: ActionKind,
    pub(crate) record: Option<R>,
    pub(crate) inputs: Vec<(&'static str, Value)>,
    /// A polymorphic resource's table.
    pub(crate) table: Option<String>,
}

impl<R: Resource> ActionInput<R> {
    /// The input of create action `action`.
    pub fn create(action: &'static str) -> Self {
        ActionInput { action, kind: ActionKind::Create, record: None, inputs: Vec::new(), table: None }
    }

    /// The input of update action `action` on `record`.
    pub fn update(action: &'static str, record: &R) -> Self {
        ActionInput { action, kind: ActionKind::Update, record: Some(record.clone()), inputs: Vec::new(), table: None }
    }

    /// The input of destroy action `action` on `record`.
    pub fn destroy(action: &'static str, record: &R) -> Self {
        ActionInput { action, kind: ActionKind::Destroy, record: Some(record.clone()), inputs: Vec::new(), table: None }
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
}
