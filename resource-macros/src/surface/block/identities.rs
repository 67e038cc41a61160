//! `identities { identity unique_email [email] { pre_check: true } }`.

use syn::parse::ParseStream;
use syn::{Ident, Result, braced};

use crate::model::Identity;
use crate::surface::common::names::{IDENTITY_KEYWORDS, IDENTITY_OPTIONS};
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
    let keys = values::idents(input, &ident)?;
    let mut identity = Identity {
        ident,
        keys,
        pre_check: None,
        eager_check: None,
        message: None,
        nils_distinct: None,
        field_names: None,
    };
    if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        parse_entries(&content, cx, IDENTITY_OPTIONS, Separator::Comma, |attrs, key, input, cx| {
            no_attributes(&attrs, cx);
            parse_option(&key, input, &mut identity, cx)
        })?;
    }
    Ok(identity)
}

fn parse_option(key: &Ident, input: ParseStream, identity: &mut Identity, cx: &mut ParseCx) -> Result<Entry> {
    match key.to_string().as_str() {
        "pre_check" => cx.set_once(&mut identity.pre_check, key, values::flag(input, key)?),
        "eager_check" => cx.set_once(&mut identity.eager_check, key, values::flag(input, key)?),
        "message" => cx.set_once(&mut identity.message, key, values::string(input, key)?),
        "nils_distinct" => cx.set_once(&mut identity.nils_distinct, key, values::flag(input, key)?),
        "field_names" => cx.set_once(&mut identity.field_names, key, values::idents(input, key)?),
        _ => return Ok(Entry::Unknown),
    }
    Ok(Entry::Known)
}
