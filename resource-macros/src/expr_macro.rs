//! `expr!(..)`: the expression language outside a resource declaration.
//! It parses with the parser of read filters (`surface/common/filter.rs`)
//! and expands to a closure over the resource's field struct
//! (`expand/filter.rs`), so rustc checks the field names.
//!
//! For a renamed dependency the expression may start with `crate = path;`
//! (`expr!(crate = my_resource; price < 1)`), as `#[resource(crate = ..)]`.
//! No field can be named `crate`, so the prefix is unambiguous.

use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Ident, Token};

use crate::expand::{crate_path, filter};
use crate::model::FilterExpr;
use crate::surface::common::filter::parse_filter;
use crate::surface::common::values;

pub fn expand(input: TokenStream) -> TokenStream {
    match parse.parse2(input) {
        Ok((None, expr)) => filter::closure(&expr),
        Ok((Some(krate), expr)) => crate_path::rebase(filter::closure(&expr), &krate),
        Err(error) => error.into_compile_error(),
    }
}

/// `crate = path;` if written, then the expression.
fn parse(input: ParseStream) -> syn::Result<(Option<syn::Path>, FilterExpr)> {
    let mut krate = None;
    if input.peek(Token![crate]) && input.peek2(Token![=]) {
        let key = input.call(Ident::parse_any)?;
        krate = Some(values::crate_path(input, &key, crate::model::Form::Attribute)?);
        input.parse::<Token![;]>()?;
    }
    Ok((krate, parse_filter(input)?))
}
