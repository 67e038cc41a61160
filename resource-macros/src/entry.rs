//! The pipeline every macro runs: surface -> model -> resolve -> validate -> expand.

use proc_macro2::TokenStream;
use quote::quote;

use crate::errors::Errors;
use crate::model::Resource;
use crate::{expand, resolve, surface, validate};

/// `resource! { .. }`. On error nothing but the errors is emitted.
pub fn block(input: TokenStream) -> TokenStream {
    run(TokenStream::new(), surface::block::parse, input)
}

/// `#[resource(args)] struct ..`. On error the struct is emitted beside the
/// errors (without our helper attributes), so that its uses elsewhere do
/// not cascade into "cannot find type" errors.
pub fn attribute(args: TokenStream, item: TokenStream) -> TokenStream {
    let fallback = surface::attr::fallback(&item);
    run(fallback, surface::attr::parse, surface::attr::with_args(args, item))
}

/// How a surface reads its input: errors that do not stop parsing go to the
/// accumulator, so that the validator's errors join them; a syntax error is returned.
type Surface = fn(TokenStream, &mut Errors) -> syn::Result<Resource>;

/// Parses `input` with `surface`, resolves, validates and expands; on any
/// error emits all of them plus `fallback`.
fn run(fallback: TokenStream, surface: Surface, input: TokenStream) -> TokenStream {
    let mut errors = Errors::new();
    let resource = surface(input, &mut errors).map_err(|error| errors.push(error)).ok();
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
