//! The resolved view of a model: what the declaration means once Ash's
//! defaults are applied. `validate` and `expand` both read facts from here,
//! one helper per fact, so they cannot disagree (whether a type is an
//! `Option`, whether an attribute is a primary key, what an action accepts).
//!
//! Infallible: names that resolve to nothing are left out here and reported
//! by `validate`.

mod actions;
mod attributes;
mod types;

pub use actions::ActionView;
pub use attributes::effective;
pub use types::{option_inner, unwrap_groups, value_type};

use syn::{Ident, Type};

use crate::model::{Attribute, Resource};

/// The resource plus what every stage needs computed once: names, and the
/// actions with `defaults` unfolded and `accept` resolved.
pub struct Resolved<'a> {
    pub resource: &'a Resource,
    /// `"Product"`.
    pub name: String,
    /// `"product"`: messages, the default table name, the field-handle module.
    pub short_name: String,
    pub actions: Vec<ActionView<'a>>,
}

pub fn resolve(resource: &Resource) -> Resolved<'_> {
    let name = crate::naming::unraw(&resource.ident);
    let short_name = crate::naming::snake_case(&name);
    let actions = actions::action_views(resource);
    Resolved { resource, name, short_name, actions }
}

impl<'a> Resolved<'a> {
    pub fn attribute(&self, ident: &Ident) -> Option<&'a Attribute> {
        self.resource.attributes.iter().find(|a| a.ident == *ident)
    }

    /// The type of an attribute, or else of an argument of `action`, named `ident`.
    pub fn field_type(&self, action: Option<&ActionView<'a>>, ident: &Ident) -> Option<&'a Type> {
        if let Some(attribute) = self.attribute(ident) {
            return Some(&attribute.ty);
        }
        action.and_then(|action| action.arguments().iter().find(|a| a.ident == *ident)).map(|a| &a.ty)
    }
}
