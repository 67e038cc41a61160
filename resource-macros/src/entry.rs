//! The pipeline every macro runs: surface -> model -> resolve -> validate -> expand.

use proc_macro2::TokenStream;
use quote::quote;

use crate::errors::Errors;
use crate::model::Resource;
use crate::{expand, resolve, surface, validate};

/// `resource! { .. }`. On error nothing but the errors is emitted.
pub fn block(input: TokenStream) -> TokenStream {
    run_with(TokenStream::new(), |errors| surface::block::parse(input, errors))
}

/// `#[resource(args)] struct ..`. On error the struct is emitted beside the
/// errors (without our helper attributes), so that its uses elsewhere do
/// not cascade into "cannot find type" errors.
pub fn attribute(args: TokenStream, item: TokenStream) -> TokenStream {
    let fallback = surface::attr::fallback(&item);
    run(fallback, || surface::attr::parse(args, item))
}

/// Parses with `parse`, validates, and expands; on any error emits all of
/// them plus `fallback`.
pub fn run(fallback: TokenStream, parse: impl FnOnce() -> syn::Result<Resource>) -> TokenStream {
    run_with(fallback, |_| parse())
}

/// `run` for a surface that also reports errors which do not stop parsing.
fn run_with(fallback: TokenStream, parse: impl FnOnce(&mut Errors) -> syn::Result<Resource>) -> TokenStream {
    let mut errors = Errors::new();
    let resource = parse(&mut errors).map_err(|error| errors.push(error)).ok();
    let resolved = resource.as_ref().map(resolve::resolve);
    if let Some(resolved) = &resolved {
        validate::check(resolved, &mut errors);
    }
    match (resolved, errors.finish()) {
        (Some(resolved), Ok(())) => expand::expand(&resolved),
        (_, result) => {
            let errors = result.err().map(syn::Error::into_compile_error);
            quote!(#errors #fallback)
        }
    }
}
