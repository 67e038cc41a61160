//! A read action's `pagination { offset: true, keyset: true, default_limit: 20,
//! max_page_size: 250, countable: true }` (Ash's names without the `?`).
//! The attribute form writes `pagination(offset, keyset, default_limit = 20)`.

use syn::parse::ParseStream;
use syn::{Ident, Result, Token, braced, parenthesized};

use super::names::PAGINATION_OPTIONS;
use super::{Entry, ParseCx, Separator, key_separator, no_attributes, parse_entries, values};
use crate::model::{Flag, Pagination};

/// The value of `pagination`: `{ .. }` or `( .. )`, after an optional
/// separator. With `bare_flags` (the attribute form), `offset` alone means
/// `offset = true`.
pub fn pagination_value(input: ParseStream, key: &Ident, cx: &mut ParseCx, bare_flags: bool) -> Result<Pagination> {
    if !input.peek(syn::token::Paren) {
        key_separator(input, key)?;
    }
    let content;
    if input.peek(syn::token::Paren) {
        parenthesized!(content in input);
    } else {
        braced!(content in input);
    }
    let mut pagination = Pagination::new(key.span());
    parse_entries(&content, cx, PAGINATION_OPTIONS, Separator::Comma, |attrs, name, input, cx| {
        no_attributes(&attrs, cx);
        let flag = |input: ParseStream| -> Result<Flag> {
            if bare_flags && (input.is_empty() || input.peek(Token![,])) {
                return Ok(Flag { value: true, span: name.span() });
            }
            values::flag(input, &name)
        };
        match name.to_string().as_str() {
            "offset" => cx.set_once(&mut pagination.offset, &name, flag(input)?),
            "keyset" => cx.set_once(&mut pagination.keyset, &name, flag(input)?),
            "countable" => cx.set_once(&mut pagination.countable, &name, flag(input)?),
            "default_limit" => cx.set_once(&mut pagination.default_limit, &name, values::count(input, &name)?),
            "max_page_size" => cx.set_once(&mut pagination.max_page_size, &name, values::count(input, &name)?),
            _ => return Ok(Entry::Unknown),
        }
        Ok(Entry::Known)
    })?;
    Ok(pagination)
}
