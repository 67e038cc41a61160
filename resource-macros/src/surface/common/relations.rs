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
use super::names::CONTEXT_OPTIONS;
use super::{Entry, ParseCx, Separator, key_separator, no_attributes, parse_entries, values};
use crate::model::{Aggregate, AggregateKind, Calculation, Flag, Relationship, RelationshipKind, SortKey};

/// A flag: bare (`public`), or `public: true` / `public = false`.
fn flag(input: ParseStream, key: &Ident) -> Result<Flag> {
    if input.is_empty() || input.peek(Token![,]) || input.peek(Token![;]) {
        return Ok(Flag { value: true, span: key.span() });
    }
    values::flag(input, key)
}

fn type_value(input: ParseStream, key: &Ident) -> Result<Type> {
    key_separator(input, key)?;
    input.parse()
}

/// `expr(..)` after the key, or the attribute form's `filter(..)`.
fn filter_value(input: ParseStream, key: &Ident) -> Result<crate::model::FilterExpr> {
    if input.peek(syn::token::Paren) {
        let content;
        parenthesized!(content in input);
        return parse_filter(&content);
    }
    key_separator(input, key)?;
    parse_filter_call(input)
}

/// `name: Type = expr(..)` after `calculate`.
pub fn calculation_head(input: ParseStream, attrs: Vec<SynAttribute>) -> Result<Calculation> {
    let ident: Ident = input.parse()?;
    input
        .parse::<Token![:]>()
        .map_err(|error| syn::Error::new(error.span(), format_args!("expected `: Type = expr(..)` after `{ident}`")))?;
    let ty: Type = input.parse()?;
    input.parse::<Token![=]>().map_err(|error| {
        syn::Error::new(error.span(), format_args!("expected `= expr(..)`: the calculation's expression"))
    })?;
    let expr = parse_filter_call(input)?;
    Ok(Calculation { ident, ty, expr, attrs, public: None, description: None })
}

pub fn calculation_option(
    calculation: &mut Calculation,
    key: &Ident,
    input: ParseStream,
    cx: &mut ParseCx,
) -> Result<Entry> {
    match key.to_string().as_str() {
        "public" => cx.set_once(&mut calculation.public, key, flag(input, key)?),
        "description" => cx.set_once(&mut calculation.description, key, values::string(input, key)?),
        _ => return Ok(Entry::Unknown),
    }
    Ok(Entry::Known)
}

/// `name: Destination` after the relationship's keyword.
pub fn relationship_head(kind: RelationshipKind, input: ParseStream, attrs: Vec<SynAttribute>) -> Result<Relationship> {
    let ident: Ident = input.parse()?;
    input.parse::<Token![:]>().map_err(|error| {
        syn::Error::new(error.span(), format_args!("expected `: Destination` after `{ident}`: the related resource"))
    })?;
    let destination: Type = input.parse()?;
    Ok(Relationship {
        kind,
        ident,
        destination,
        attrs,
        source_attribute: None,
        destination_attribute: None,
        through: None,
        source_attribute_on_join_resource: None,
        destination_attribute_on_join_resource: None,
        allow_nil: None,
        public: None,
        attribute_type: None,
        define_attribute: None,
        attribute_writable: None,
        context_table: None,
        description: None,
    })
}

pub fn relationship_option(rel: &mut Relationship, key: &Ident, input: ParseStream, cx: &mut ParseCx) -> Result<Entry> {
    match key.to_string().as_str() {
        "source_attribute" => cx.set_once(&mut rel.source_attribute, key, values::ident(input, key)?),
        "destination_attribute" => cx.set_once(&mut rel.destination_attribute, key, values::ident(input, key)?),
        "through" => cx.set_once(&mut rel.through, key, type_value(input, key)?),
        "source_attribute_on_join_resource" => {
            cx.set_once(&mut rel.source_attribute_on_join_resource, key, values::ident(input, key)?)
        }
        "destination_attribute_on_join_resource" => {
            cx.set_once(&mut rel.destination_attribute_on_join_resource, key, values::ident(input, key)?)
        }
        "allow_nil" => cx.set_once(&mut rel.allow_nil, key, flag(input, key)?),
        "public" => cx.set_once(&mut rel.public, key, flag(input, key)?),
        "attribute_type" => cx.set_once(&mut rel.attribute_type, key, type_value(input, key)?),
        "define_attribute" => cx.set_once(&mut rel.define_attribute, key, flag(input, key)?),
        "attribute_writable" => cx.set_once(&mut rel.attribute_writable, key, flag(input, key)?),
        "description" => cx.set_once(&mut rel.description, key, values::string(input, key)?),
        "context" => {
            let content;
            if input.peek(syn::token::Paren) {
                parenthesized!(content in input);
            } else {
                key_separator(input, key)?;
                braced!(content in input);
            }
            parse_entries(&content, cx, CONTEXT_OPTIONS, Separator::Comma, |attrs, name, input, cx| {
                no_attributes(&attrs, cx);
                if name != "table" {
                    return Ok(Entry::Unknown);
                }
                cx.set_once(&mut rel.context_table, &name, values::string(input, &name)?);
                Ok(Entry::Known)
            })?;
        }
        _ => return Ok(Entry::Unknown),
    }
    Ok(Entry::Known)
}

/// `name: path.to.field` after the aggregate's keyword: for kinds that
/// aggregate a field, its last name is the field.
pub fn aggregate_head(
    kind: AggregateKind,
    kind_ident: &Ident,
    input: ParseStream,
    attrs: Vec<SynAttribute>,
) -> Result<Aggregate> {
    let ident: Ident = input.parse()?;
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
    Ok(Aggregate {
        kind,
        kind_span: kind_ident.span(),
        ident,
        path,
        field,
        attrs,
        filter: None,
        sort: Vec::new(),
        default: None,
        uniq: None,
        include_nil: None,
        public: None,
        description: None,
    })
}

pub fn aggregate_option(aggregate: &mut Aggregate, key: &Ident, input: ParseStream, cx: &mut ParseCx) -> Result<Entry> {
    match key.to_string().as_str() {
        "filter" => cx.set_once(&mut aggregate.filter, key, filter_value(input, key)?),
        "field" => cx.set_once(&mut aggregate.field, key, values::ident(input, key)?),
        "default" => cx.set_once(&mut aggregate.default, key, values::expr(input, key)?),
        "uniq" => cx.set_once(&mut aggregate.uniq, key, flag(input, key)?),
        "include_nil" => cx.set_once(&mut aggregate.include_nil, key, flag(input, key)?),
        "public" => cx.set_once(&mut aggregate.public, key, flag(input, key)?),
        "description" => cx.set_once(&mut aggregate.description, key, values::string(input, key)?),
        "sort" => {
            if !aggregate.sort.is_empty() {
                cx.errors.error(key.span(), "duplicate option `sort`; remove one of them");
            }
            aggregate.sort = sort_keys(input, key)?;
        }
        _ => return Ok(Entry::Unknown),
    }
    Ok(Entry::Known)
}

/// `[a: desc, b]`, or the attribute form's `sort(a = desc, b)`.
fn sort_keys(input: ParseStream, key: &Ident) -> Result<Vec<SortKey>> {
    let content;
    if input.peek(syn::token::Paren) {
        parenthesized!(content in input);
    } else {
        key_separator(input, key)?;
        bracketed!(content in input);
    }
    let keys = Punctuated::<SortKey, Token![,]>::parse_terminated_with(&content, |input| {
        let field: Ident = input.parse()?;
        let order = if input.peek(Token![:]) || input.peek(Token![=]) {
            if !input.peek(Token![::]) && input.parse::<Option<Token![:]>>()?.is_none() {
                input.parse::<Token![=]>()?;
            }
            Some(input.parse::<Ident>()?)
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
/// of the type of the destination's `destination_attribute` (its primary
/// key, `id`, by default) unless `attribute_type` says otherwise. Both
/// surfaces add it to the model, so it is an attribute like any other
/// (accepted by actions, filtered on, a field of the record).
pub fn add_belongs_to_attributes(resource: &mut crate::model::Resource) {
    use quote::format_ident;
    use syn::parse_quote_spanned;

    use crate::model::{Attribute, AttributeKind, Constraints};

    for rel in &resource.relationships {
        if rel.kind != RelationshipKind::BelongsTo || rel.define_attribute.is_some_and(|flag| !flag.value) {
            continue;
        }
        let span = rel.ident.span();
        let name = rel.source_attribute.clone().unwrap_or_else(|| {
            let base = crate::expand::unraw(&rel.ident);
            format_ident!("{}_id", base, span = span)
        });
        if resource.attributes.iter().any(|a| a.ident == name) {
            continue;
        }
        let destination = &rel.destination;
        let key = rel.destination_attribute.as_ref().map_or_else(|| "id".to_string(), crate::expand::unraw);
        let value: Type = match &rel.attribute_type {
            Some(ty) => ty.clone(),
            None => parse_quote_spanned! {span=>
                <#destination as ::resource::__private::FieldType<{ ::resource::__private::field_key(#key) }>>::Type
            },
        };
        let allow_nil = rel.allow_nil.is_none_or(|flag| flag.value);
        let ty: Type = if allow_nil { parse_quote_spanned!(span=> ::core::option::Option<#value>) } else { value };
        let doc = format!(" The key of the `{}` relationship.", crate::expand::unraw(&rel.ident));
        resource.attributes.push(Attribute {
            ident: name,
            kind: AttributeKind::Plain,
            ty,
            attrs: vec![syn::parse_quote!(#[doc = #doc])],
            allow_nil: None,
            public: rel.public,
            writable: rel.attribute_writable,
            primary_key: None,
            sensitive: None,
            generated: None,
            default: None,
            update_default: None,
            description: None,
            constraints: Constraints::default(),
        });
    }
}
