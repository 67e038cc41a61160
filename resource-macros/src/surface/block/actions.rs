//! `actions { default_accept [..]; defaults [..]; create name { .. } read name; .. }`.
//! The options inside an action are `common::action`'s table.

use syn::parse::ParseStream;
use syn::{Result, braced};

use crate::model::{Action, ActionKind, Actions};
use crate::surface::common::action::{ACTION, ACTIONS};
use crate::surface::common::names::ACTIONS_KEYWORDS;
use crate::surface::common::{Entry, ParseCx, Separator, no_attributes, parse_entries, values};

pub fn parse_section(input: ParseStream, actions: &mut Actions, cx: &mut ParseCx) -> Result<()> {
    parse_entries(input, cx, ACTIONS_KEYWORDS, Separator::Semicolon, |attrs, keyword, input, cx| {
        no_attributes(&attrs, cx);
        if ACTIONS.parse(actions, &keyword, input, cx)? == Entry::Known {
            return Ok(Entry::Known);
        }
        let Some(kind) = values::action_kind(&keyword) else { return Ok(Entry::Unknown) };
        actions.actions.push(parse_action(kind, input, cx)?);
        Ok(Entry::Known)
    })
}

/// `name { statements }` or `name` after the action kind.
fn parse_action(kind: ActionKind, input: ParseStream, cx: &mut ParseCx) -> Result<Action> {
    let mut action = Action::new(kind, input.parse()?);
    if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        ACTION.parse_all(&mut action, &content, cx, Separator::Semicolon)?;
    }
    Ok(action)
}
