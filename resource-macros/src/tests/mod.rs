//! Parser and validator unit tests, on `proc_macro2` tokens.

mod attr;
mod equivalence;
mod expand;
mod expr;
mod parse;
mod relations;
mod sqlite;
mod validate;

use proc_macro2::TokenStream;

use crate::errors::Errors;
use crate::model::Resource;

/// Parses a block-form resource, failing the test on any error.
fn parse_ok(tokens: TokenStream) -> Resource {
    let mut errors = Errors::new();
    let resource = crate::surface::block::parse(tokens, &mut errors);
    let resource = resource.unwrap_or_else(|error| panic!("parse error: {error}"));
    if let Err(error) = errors.finish() {
        panic!("parse error: {error}");
    }
    resource
}

/// The messages of every error, from parsing and from validation.
fn messages(tokens: TokenStream) -> Vec<String> {
    let mut errors = Errors::new();
    match crate::surface::block::parse(tokens, &mut errors) {
        Ok(resource) => crate::validate::check(&crate::resolve::resolve(&resource), &mut errors),
        Err(error) => errors.push(error),
    }
    match errors.finish() {
        Ok(()) => Vec::new(),
        Err(error) => error.into_iter().map(|error| error.to_string()).collect(),
    }
}
