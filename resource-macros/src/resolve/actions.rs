//! Actions as they run: `defaults [..]` unfolded into actions, and `accept`
//! resolved to attributes.

use syn::Ident;

use super::effective;
use crate::model::{Accept, Action, ActionKind, Argument, Attribute, DataLayerKind, Resource};

/// One action, whether it came from `defaults [..]` or was declared by name.
pub struct ActionView<'a> {
    /// The action's name, spanned where the user wrote it.
    pub ident: Ident,
    pub kind: ActionKind,
    pub primary: bool,
    /// The attributes the action accepts, resolved from `accept` or `default_accept`.
    pub accept: Vec<&'a Attribute>,
    /// The declaration; `None` for an action from `defaults`.
    pub decl: Option<&'a Action>,
}

impl<'a> ActionView<'a> {
    /// The action's name as the runtime knows it.
    pub fn name(&self) -> String {
        crate::naming::unraw(&self.ident)
    }

    pub fn arguments(&self) -> &'a [Argument] {
        self.decl.map_or(&[], |action| &action.arguments)
    }
}

/// The `defaults` first (primary, named after their kind), then the declared actions.
pub fn action_views(resource: &Resource) -> Vec<ActionView<'_>> {
    let defaults = resource.actions.defaults.iter().map(|&(kind, span)| ActionView {
        ident: Ident::new(kind.keyword(), span),
        kind,
        primary: true,
        accept: accepted(resource, kind, None),
        decl: None,
    });
    let declared = resource.actions.actions.iter().map(|action| ActionView {
        ident: action.ident.clone(),
        kind: action.kind,
        primary: action.primary.is_some_and(|flag| flag.value),
        accept: accepted(resource, action.kind, action.accept.as_ref()),
        decl: Some(action),
    });
    let mut views: Vec<ActionView<'_>> = defaults.chain(declared).collect();
    if resource.data_layer.kind == DataLayerKind::Embedded {
        views.extend(embedded_defaults(resource, &views));
    }
    views
}

/// Ash gives an embedded resource the default actions it does not declare
/// (`set_primary_actions.ex`). Ours accept every writable attribute, public
/// or not: an embed's fields are reached only through its parent, and
/// Ash's `:*` (public only) would make the seed's own example accept nothing.
fn embedded_defaults<'a>(resource: &'a Resource, views: &[ActionView<'a>]) -> Vec<ActionView<'a>> {
    let kinds = [ActionKind::Create, ActionKind::Read, ActionKind::Update, ActionKind::Destroy];
    let missing = kinds.into_iter().filter(|kind| !views.iter().any(|view| view.kind == *kind));
    missing
        .map(|kind| ActionView {
            ident: Ident::new(kind.keyword(), resource.ident.span()),
            kind,
            primary: true,
            accept: match kind {
                ActionKind::Create | ActionKind::Update => embedded_accept(resource),
                ActionKind::Read | ActionKind::Destroy => Vec::new(),
            },
            decl: None,
        })
        .collect()
}

/// What an embed's create and update accept unless told: every writable attribute.
fn embedded_accept(resource: &Resource) -> Vec<&Attribute> {
    resource.attributes.iter().filter(|a| effective(a).writable).collect()
}

/// What an action of `kind` that writes `accept` accepts.
fn accepted<'a>(resource: &'a Resource, kind: ActionKind, accept: Option<&Accept>) -> Vec<&'a Attribute> {
    // Ash: `default_accept` is the `accept` of every create and update
    // action that does not write its own; other actions accept nothing.
    let accept = match kind {
        ActionKind::Create | ActionKind::Update => accept.or(resource.actions.default_accept.as_ref()),
        ActionKind::Read | ActionKind::Destroy => accept,
    };
    match accept {
        // An embed's `default_accept` is `:*` in Ash; ours takes every
        // writable attribute (see `embedded_defaults`).
        None if resource.data_layer.kind == DataLayerKind::Embedded
            && matches!(kind, ActionKind::Create | ActionKind::Update) =>
        {
            embedded_accept(resource)
        }
        None => Vec::new(),
        Some(Accept::All(_)) => resource
            .attributes
            .iter()
            .filter(|a| {
                let effective = effective(a);
                effective.public && effective.writable
            })
            .collect(),
        Some(Accept::List(idents)) => {
            let mut accepted: Vec<&Attribute> = Vec::new();
            for ident in idents {
                let found = resource.attributes.iter().find(|a| a.ident == *ident);
                if let Some(attribute) = found
                    && !accepted.iter().any(|a| a.ident == attribute.ident)
                {
                    accepted.push(attribute);
                }
            }
            accepted
        }
    }
}
