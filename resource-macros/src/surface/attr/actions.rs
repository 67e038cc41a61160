//! `#[actions(default_accept(..), defaults(..))]` and
//! `#[action(kind, name, options..)]`, one attribute per named action.
//!
//! The options after the name are `common::action`'s table.

use syn::parse::ParseStream;
use syn::{Result, Token};

use super::atom_or;
use crate::model::{Action, Actions};
use crate::surface::common::action::{ACTION, ACTIONS};
use crate::surface::common::names::ACTION_KINDS;
use crate::surface::common::validation::skip_rest;
use crate::surface::common::{ParseCx, Separator, values};

/// `default_accept(a, b), defaults(create, read)`.
pub fn parse_actions(input: ParseStream, actions: &mut Actions, cx: &mut ParseCx) -> Result<()> {
    ACTIONS.parse_all(actions, input, cx, Separator::Comma)
}

/// `create, name, options..`. `None` when the kind is unknown: it is
/// recorded and the rest of the attribute skipped.
pub fn parse_action(input: ParseStream, cx: &mut ParseCx) -> Result<Option<Action>> {
    let kind_name = atom_or(input, "expected the action's type and name: `#[action(create, name, ..)]`")?;
    let Some(kind) = values::action_kind(&kind_name) else {
        cx.unknown(kind_name, ACTION_KINDS);
        skip_rest(input)?;
        return Ok(None);
    };
    if input.is_empty() {
        return Err(syn::Error::new(
            kind_name.span(),
            format_args!("expected the action's name after its type: `#[action({kind_name}, name, ..)]`"),
        ));
    }
    input.parse::<Token![,]>()?;
    let name =
        atom_or(input, &format!("expected the action's name after its type: `#[action({kind_name}, name, ..)]`"))?;
    let mut action = Action::new(kind, name);
    if !input.is_empty() {
        input.parse::<Token![,]>()?;
    }
    ACTION.parse_all(&mut action, input, cx, Separator::Comma)?;
    Ok(Some(action))
}
