//! `expr!(..)`: the expression language outside a resource declaration.
//! It parses with the parser of read filters (`surface/common/filter.rs`)
//! and expands to a closure over the resource's field struct
//! (`expand/filter.rs`), so rustc checks the field names.

use proc_macro2::TokenStream;
use syn::parse::Parser;

use crate::expand::filter;
use crate::surface::common::filter::parse_filter;

pub fn expand(input: TokenStream) -> TokenStream {
    match parse_filter.parse2(input) {
        Ok(expr) => filter::closure(&expr),
        Err(error) => error.into_compile_error(),
    }
}
