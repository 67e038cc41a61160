//! A read action's `pagination { offset: true, keyset: true, default_limit: 20,
//! max_page_size: 250, countable: true }` (Ash's names without the `?`).
//! The attribute form writes `pagination(offset, keyset, default_limit = 20)`.

use syn::parse::ParseStream;
use syn::{Ident, Result, braced, parenthesized};

use super::spelling::{count, flag};
use super::table::{option_table, set_once};
use super::{ParseCx, Separator, key_separator};
use crate::model::Pagination;

option_table! {
    pub PAGINATION: Pagination, names PAGINATION_OPTIONS;
    "offset" => set_once!(offset, flag),
    "keyset" => set_once!(keyset, flag),
    "default_limit" => set_once!(default_limit, count),
    "max_page_size" => set_once!(max_page_size, count),
    "countable" => set_once!(countable, flag),
}

/// The value of `pagination`: `{ .. }` or `( .. )`, after an optional separator.
pub fn pagination_value(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Pagination> {
    if !input.peek(syn::token::Paren) {
        key_separator(input, key, cx.form)?;
    }
    let content;
    if input.peek(syn::token::Paren) {
        parenthesized!(content in input);
    } else {
        braced!(content in input);
    }
    let mut pagination = Pagination::new(key.span());
    let unknown = cx.unknown_options.len();
    PAGINATION.parse_all(&mut pagination, &content, cx, Separator::Comma)?;
    pagination.misspelt = cx.unknown_options.len() > unknown;
    Ok(pagination)
}
