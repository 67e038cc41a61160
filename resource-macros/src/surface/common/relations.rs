//! Calculations, relationships and aggregates, shared by the block sections
//! and the attribute helpers: each entry is a head, then options written
//! `key: value` (block) or `key = value` (attribute), with bare flags.
//!
//! ```text
//! calculate status_subject: String = expr(status <> ": " <> subject)
//! belongs_to representative: Representative
//! many_to_many tags: Tag { through: TicketTag, source_attribute_on_join_resource: ticket_id }
//! count open_tickets: tickets { filter: expr(status == "open") }
//! sum total_priority: tickets.priority { default: 0 }
//! first last_subject: tickets.subject { sort: [inserted_at: desc] }
//! ```

use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{Attribute as SynAttribute, Ident, Result, Token, Type, braced, bracketed, parenthesized};

use super::filter::{parse_filter, parse_filter_call};
use super::spelling::{bare_flag, expr, ident, string};
use super::table::{option_table, set_once};
use super::{Form, ParseCx, Separator, key_separator, list_name};
use crate::model::{Aggregate, AggregateKind, Calculation, Relationship, RelationshipKind, SortKey};

fn type_value(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Type> {
    key_separator(input, key, cx.form)?;
    input.parse()
}

/// `expr(..)` after the key, or the attribute form's `filter(..)`.
fn filter_value(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<crate::model::FilterExpr> {
    if input.peek(syn::token::Paren) {
        let content;
        parenthesized!(content in input);
        return parse_filter(&content);
    }
    key_separator(input, key, cx.form)?;
    parse_filter_call(input)
}

/// `name: Type = expr(..)` after `calculate`.
pub fn calculation_head(input: ParseStream, attrs: Vec<SynAttribute>) -> Result<Calculation> {
    let ident = list_name(input)?;
    input
        .parse::<Token![:]>()
        .map_err(|error| syn::Error::new(error.span(), format_args!("expected `: Type = expr(..)` after `{ident}`")))?;
    let ty: Type = input.parse()?;
    input.parse::<Token![=]>().map_err(|error| {
        syn::Error::new(error.span(), format_args!("expected `= expr(..)`: the calculation's expression"))
    })?;
    let expr = parse_filter_call(input)?;
    Ok(Calculation::new(ident, ty, expr, attrs))
}

option_table! {
    pub CALCULATION: Calculation, names CALCULATION_OPTIONS;
    "public" => set_once!(public, bare_flag),
    "description" => set_once!(description, string),
}

/// `name: Destination` after the relationship's keyword.
pub fn relationship_head(kind: RelationshipKind, input: ParseStream, attrs: Vec<SynAttribute>) -> Result<Relationship> {
    let ident = list_name(input)?;
    if let Some(destination) = ash_destination(input) {
        let comma = input.parse::<Token![,]>()?;
        let keyword = kind.keyword();
        return Err(syn::Error::new(
            comma.span,
            format_args!(
                "write `{ident}: {destination}`: the related resource follows a `:` (Ash's `{keyword} :{ident}, {destination}`)"
            ),
        ));
    }
    input.parse::<Token![:]>().map_err(|error| {
        syn::Error::new(error.span(), format_args!("expected `: Destination` after `{ident}`: the related resource"))
    })?;
    let destination: Type = input.parse()?;
    Ok(Relationship::new(kind, ident, destination, attrs))
}

/// Ash's `belongs_to :author, Author` written here as `author, Author`:
/// the destination after the `,`, if a resource's type (a capitalised path
/// that ends the entry) is there.
fn ash_destination(input: ParseStream) -> Option<String> {
    let fork = input.fork();
    fork.parse::<Token![,]>().ok()?;
    let path = fork.call(syn::Path::parse_mod_style).ok()?;
    let capitalised = path.segments.last()?.ident.to_string().starts_with(char::is_uppercase);
    let ends = fork.is_empty() || fork.peek(Token![,]) || fork.peek(Token![;]) || fork.peek(syn::token::Brace);
    (capitalised && ends).then(|| quote::ToTokens::to_token_stream(&path).to_string().replace(' ', ""))
}

option_table! {
    pub RELATIONSHIP: Relationship, names RELATIONSHIP_OPTIONS;
    "source_attribute" => set_once!(source_attribute, ident),
    "destination_attribute" => set_once!(destination_attribute, ident),
    "through" => set_once!(through, type_value),
    "source_attribute_on_join_resource" => set_once!(source_attribute_on_join_resource, ident),
    "destination_attribute_on_join_resource" => set_once!(destination_attribute_on_join_resource, ident),
    "allow_nil" => set_once!(allow_nil, bare_flag),
    "public" => set_once!(public, bare_flag),
    "attribute_type" => set_once!(attribute_type, type_value),
    "define_attribute" => set_once!(define_attribute, bare_flag),
    "attribute_writable" => set_once!(attribute_writable, bare_flag),
    "context" => |relationship, key, input, cx| {
        let content;
        if input.peek(syn::token::Paren) {
            parenthesized!(content in input);
        } else {
            key_separator(input, key, cx.form)?;
            braced!(content in input);
        }
        CONTEXT.parse_all(relationship, &content, cx, Separator::Comma)
    },
    "description" => set_once!(description, string),
}

option_table! {
    /// `context: { table: ".." }`, the options of a relationship's `context`.
    CONTEXT: Relationship, names CONTEXT_OPTIONS;
    "table" => set_once!(context_table, string),
}

/// `name: path.to.field` after the aggregate's keyword: for kinds that
/// aggregate a field, its last name is the field.
pub fn aggregate_head(
    kind: AggregateKind,
    kind_ident: &Ident,
    input: ParseStream,
    attrs: Vec<SynAttribute>,
) -> Result<Aggregate> {
    let ident = list_name(input)?;
    input.parse::<Token![:]>().map_err(|error| {
        syn::Error::new(
            error.span(),
            format_args!("expected `: relationship` after `{ident}`, as in `{kind_ident} {ident}: tickets`"),
        )
    })?;
    let mut path = vec![input.parse::<Ident>()?];
    while input.peek(Token![.]) {
        input.parse::<Token![.]>()?;
        path.push(input.parse()?);
    }
    let field = if kind.takes_field() && path.len() > 1 { path.pop() } else { None };
    Ok(Aggregate::new(kind, ident, path, field, attrs))
}

option_table! {
    pub AGGREGATE: Aggregate, names AGGREGATE_OPTIONS;
    "filter" => set_once!(filter, filter_value),
    "field" => set_once!(field, ident),
    "sort" => |aggregate, key, input, cx| {
        if !aggregate.sort.is_empty() {
            cx.errors.error(key.span(), "duplicate option `sort`; remove one of them");
        }
        aggregate.sort = sort_keys(input, key, cx.form)?;
        Ok(())
    },
    "default" => set_once!(default, expr),
    "uniq" => set_once!(uniq, bare_flag),
    "include_nil" => set_once!(include_nil, bare_flag),
    "public" => set_once!(public, bare_flag),
    "description" => set_once!(description, string),
}

/// `[a: desc, b]`, or the attribute form's `sort(a = desc, b)`.
fn sort_keys(input: ParseStream, key: &Ident, form: Form) -> Result<Vec<SortKey>> {
    let content;
    if input.peek(syn::token::Paren) {
        parenthesized!(content in input);
    } else {
        key_separator(input, key, form)?;
        bracketed!(content in input);
    }
    let keys = Punctuated::<SortKey, Token![,]>::parse_terminated_with(&content, |input| {
        let field = list_name(input)?;
        let order = if input.peek(Token![:]) || input.peek(Token![=]) {
            if !input.peek(Token![::]) && input.parse::<Option<Token![:]>>()?.is_none() {
                input.parse::<Token![=]>()?;
            }
            Some(list_name(input)?)
        } else {
            None
        };
        Ok(SortKey { field, order })
    })?;
    Ok(keys.into_iter().collect())
}

/// Ash's `belongs_to` defines its key attribute (`<name>_id`) unless it is
/// declared or `define_attribute: false`: nullable unless `allow_nil: false`,
/// writable unless `attribute_writable: false`, public as the relationship,
/// a uuid unless `attribute_type` says otherwise (Ash's default; the
/// expansion checks it against the destination's key type). Both
/// surfaces add it to the model, so it is an attribute like any other
/// (accepted by actions, filtered on, a field of the record).
pub fn add_belongs_to_attributes(resource: &mut crate::model::Resource) {
    use quote::format_ident;
    use syn::parse_quote_spanned;

    use crate::model::{Attribute, AttributeKind};

    for rel in &mut resource.relationships {
        if rel.kind != RelationshipKind::BelongsTo {
            continue;
        }
        let span = rel.ident.span();
        let name = rel.source_attribute.clone().unwrap_or_else(|| {
            let base = crate::naming::unraw(&rel.ident);
            format_ident!("{}_id", base, span = span)
        });
        if resource.attributes.iter().any(|a| a.ident == name) {
            rel.declared_key = true;
            continue;
        }
        if rel.define_attribute.is_some_and(|flag| !flag.value) {
            continue;
        }
        let value: Type = match &rel.attribute_type {
            Some(ty) => ty.clone(),
            // Ash's default (`attribute_type: :uuid`), not the destination's
            // key type: a type read off the destination would make every use
            // of the key an error when the destination is no resource. The
            // expansion checks it against the destination's key.
            None => parse_quote_spanned!(span=> ::resource::__private::uuid::Uuid),
        };
        let allow_nil = rel.allow_nil.is_none_or(|flag| flag.value);
        let ty: Type = if allow_nil { parse_quote_spanned!(span=> ::core::option::Option<#value>) } else { value };
        let doc = format!(" The key of the `{}` relationship.", crate::naming::unraw(&rel.ident));
        let attrs = vec![syn::parse_quote!(#[doc = #doc])];
        let mut attribute = Attribute::new(name, AttributeKind::Plain, ty, attrs);
        attribute.public = rel.public;
        attribute.writable = rel.attribute_writable;
        resource.attributes.push(attribute);
    }
}
