//! The block surface, close to Ash's DSL:
//!
//! ```text
//! resource! {
//!     /// docs and other outer attributes go to the struct
//!     pub User {
//!         data_layer: Ets,
//!         attributes { uuid_primary_key id; attribute name: String { allow_nil: false } }
//!         identities { identity unique_name [name]; }
//!         validations { validate present([name]); }
//!         actions { defaults [create, read]; update rename { accept [name]; } }
//!         calculations { calculate label: String = expr(name <> "!"); }
//!         relationships { belongs_to team: Team; has_many posts: Post; }
//!         aggregates { count post_count: posts; }
//!         sqlite { table: "users"; }
//!     }
//! }
//! ```
//!
//! Options are `name: value`; entries end with `;` (or `,`) or with a
//! `{ .. }` block. Unknown names are recorded for the validator, not
//! rejected here, so that one compile reports all of them.

mod actions;
mod attributes;
mod identities;
mod relations;
mod sqlite;
mod validations;

use proc_macro2::TokenStream;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute as SynAttribute, Ident, Result, Token, Visibility, braced};

use super::common::names::RESOURCE_SECTIONS;
use super::common::{Entry, Form, ParseCx, Separator, no_attributes, parse_entries, values};
use crate::errors::Errors;
use crate::model::{Actions, DataLayer, DataLayerKind, Resource};

/// Parses the input of `resource! { .. }`. Errors that do not stop parsing
/// (duplicate options) go to `errors`; a syntax error is returned.
pub fn parse(input: TokenStream, errors: &mut Errors) -> Result<Resource> {
    let mut cx = ParseCx::default();
    let result = (|input: ParseStream| parse_resource(input, &mut cx)).parse2(input);
    errors.extend(cx.errors);
    result
}

fn parse_resource(input: ParseStream, cx: &mut ParseCx) -> Result<Resource> {
    let attrs = input.call(SynAttribute::parse_outer)?;
    let vis: Visibility = input.parse()?;
    let ident: Ident = input
        .parse()
        .map_err(|error| syn::Error::new(error.span(), "expected the resource's name, as in `pub User { .. }`"))?;
    let body;
    braced!(body in input);

    let mut resource = Resource {
        data_layer: DataLayer { kind: DataLayerKind::Ets },
        ident,
        vis,
        attrs,
        attributes: Vec::new(),
        identities: Vec::new(),
        validations: Vec::new(),
        changes: Vec::new(),
        actions: Actions::default(),
        calculations: Vec::new(),
        relationships: Vec::new(),
        aggregates: Vec::new(),
        sqlite: None,
        unknown_options: Vec::new(),
        embed_nil_values: None,
        crate_path: None,
        form: Form::Block,
    };
    let mut data_layer = None;
    parse_entries(&body, cx, RESOURCE_SECTIONS, Separator::Semicolon, |attrs, key, input, cx| {
        no_attributes(&attrs, cx);
        match key.to_string().as_str() {
            // Not in `RESOURCE_SECTIONS`: it is no section of Ash's.
            "crate" => {
                let path = values::crate_path(input, &key, cx.form)?;
                cx.set_once(&mut resource.crate_path, &key, path);
            }
            "data_layer" => {
                if let Some(value) = values::data_layer(input, &key, cx)? {
                    cx.set_once(&mut data_layer, &key, value);
                }
            }
            "embed_nil_values" => {
                let flag = values::flag(input, &key, cx.form)?;
                cx.set_once(&mut resource.embed_nil_values, &key, flag);
            }
            "attributes" => attributes::parse_section(&section(input)?, &mut resource.attributes, cx)?,
            "identities" => identities::parse_section(&section(input)?, &mut resource.identities, cx)?,
            "validations" => validations::parse_section(&section(input)?, &mut resource.validations, cx)?,
            "changes" => validations::parse_changes(&section(input)?, &mut resource.changes, cx)?,
            "actions" => actions::parse_section(&section(input)?, &mut resource.actions, cx)?,
            "calculations" => relations::parse_calculations(&section(input)?, &mut resource.calculations, cx)?,
            "relationships" => relations::parse_relationships(&section(input)?, &mut resource.relationships, cx)?,
            "aggregates" => relations::parse_aggregates(&section(input)?, &mut resource.aggregates, cx)?,
            // One option table under two names: the SQL database's section.
            "sqlite" | "postgres" => {
                let sqlite = sqlite::parse_section(&section(input)?, cx)?;
                cx.sql_section(&mut resource.sqlite, &key, sqlite);
            }
            _ => return Ok(Entry::Unknown),
        }
        Ok(Entry::Known)
    })?;
    if let Some(data_layer) = data_layer {
        resource.data_layer = data_layer;
    }
    resource.unknown_options = std::mem::take(&mut cx.unknown_options);
    super::common::finish(&mut resource);
    Ok(resource)
}

/// The `{ .. }` body of a section, after its name (a `:` may stand between).
fn section<'a>(input: ParseStream<'a>) -> Result<syn::parse::ParseBuffer<'a>> {
    input.parse::<Option<Token![:]>>()?;
    let content;
    braced!(content in input);
    Ok(content)
}
