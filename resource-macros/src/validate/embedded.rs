//! Rules of embedded resources (`data_layer: Embedded`): stored inside their
//! parent's record, they have no relationships or aggregates (Ash's seed
//! says so); `embed_nil_values` is theirs alone.

use crate::errors::Errors;
use crate::model::{DataLayerKind, Resource};

/// `relationships { belongs_to author: Author; }` in an embedded resource.
///
/// `data_layer: Embedded` + `relationships { .. }` -> embedded resources cannot have relationships
pub fn check_no_relations(resource: &Resource, errors: &mut Errors) {
    if resource.data_layer.kind != DataLayerKind::Embedded {
        return;
    }
    let name = &resource.ident;
    for relationship in &resource.relationships {
        errors.error(
            relationship.ident.span(),
            format_args!(
                "embedded resource `{name}` cannot have relationships: it is stored inside its parent's \
                 record; remove `{}`, or give `{name}` a table (`data_layer: Ets` or `Sqlite`)",
                relationship.ident
            ),
        );
    }
    for aggregate in &resource.aggregates {
        errors.error(
            aggregate.ident.span(),
            format_args!(
                "embedded resource `{name}` cannot have aggregates: it has no related records to aggregate; \
                 remove `{}`",
                aggregate.ident
            ),
        );
    }
}

/// `embed_nil_values: false` on a resource with a table.
pub fn check_embed_nil_values(resource: &Resource, errors: &mut Errors) {
    let Some(flag) = resource.embed_nil_values else { return };
    if resource.data_layer.kind != DataLayerKind::Embedded {
        let option = resource.form.option("embed_nil_values", flag.value);
        let layer = match resource.form {
            crate::model::Form::Block => "data_layer: Embedded",
            crate::model::Form::Attribute => "data_layer = embedded",
        };
        errors.error(
            flag.span,
            format_args!("`{option}` is an option of embedded resources; add `{layer}` or remove it"),
        );
    }
}
