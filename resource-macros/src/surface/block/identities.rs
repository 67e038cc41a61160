//! `identities { identity unique_email [email] { pre_check: true } }`.

use syn::parse::ParseStream;
use syn::{Ident, Result, braced};

use crate::model::Identity;
use crate::surface::common::identity::IDENTITY;
use crate::surface::common::names::IDENTITY_KEYWORDS;
use crate::surface::common::{Entry, ParseCx, Separator, no_attributes, parse_entries, values};

pub fn parse_section(input: ParseStream, identities: &mut Vec<Identity>, cx: &mut ParseCx) -> Result<()> {
    parse_entries(input, cx, IDENTITY_KEYWORDS, Separator::Semicolon, |attrs, keyword, input, cx| {
        if keyword != "identity" {
            return Ok(Entry::Unknown);
        }
        no_attributes(&attrs, cx);
        identities.push(parse_identity(input, cx)?);
        Ok(Entry::Known)
    })
}

/// `name [keys] { options }` after `identity`.
fn parse_identity(input: ParseStream, cx: &mut ParseCx) -> Result<Identity> {
    let ident: Ident = input.parse()?;
    let keys = values::idents(input, &ident, cx.form)?;
    let mut identity = Identity::new(ident, keys);
    if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        IDENTITY.parse_all(&mut identity, &content, cx, Separator::Comma)?;
    }
    Ok(identity)
}
