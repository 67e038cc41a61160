//! A field of the struct is an attribute of the resource:
//! `#[attribute(public, allow_nil = false, constraints(max_length = 100))] pub name: String`.
//! A field without `#[attribute]` is a plain attribute with no options.

use syn::parse::ParseStream;
use syn::{Attribute as SynAttribute, Field, Ident, Meta, Result};

use super::{FIELD_HELPER, helper_name};
use crate::model::{Attribute, AttributeKind};
use crate::surface::common::attribute::{ATTRIBUTE, ATTRIBUTE_OPTIONS};
use crate::surface::common::spelling::at_entry_end;
use crate::surface::common::table::concat;
use crate::surface::common::{Entry, ParseCx, Separator, no_attributes, parse_entries};

/// The attribute kinds of the block form's keywords, written as options here.
const KINDS: &[&str] = &["uuid_primary_key", "integer_primary_key", "create_timestamp", "update_timestamp"];
/// The kinds, then the attribute options.
const FIELD_OPTIONS: &[&str] = &concat::<{ KINDS.len() + ATTRIBUTE_OPTIONS.len() }>(KINDS, ATTRIBUTE_OPTIONS);

/// The attribute a field declares. Its other attributes (doc comments,
/// serde) are carried over; its visibility is not: the record's fields are
/// all `pub`, as in the block form.
pub fn parse_field(field: Field, cx: &mut ParseCx) -> Result<Attribute> {
    let ident = field.ident.expect("`parse_struct` admits named fields only");
    let mut attribute = Attribute::new(ident, AttributeKind::Plain, field.ty, Vec::new());
    // The kind and where it was written, to report a second one.
    let mut kind: Option<Ident> = None;
    let mut errors = crate::errors::Errors::new();
    for attr in field.attrs {
        match helper_name(&attr).as_deref() {
            None => attribute.attrs.push(attr),
            Some(FIELD_HELPER) => {
                errors.handle(parse_attribute_helper(&attr, &mut attribute, &mut kind, cx));
            }
            Some(name) => errors.push(
                super::section_error(name, &attr)
                    .or_else(|| super::misspelt_error(name, &attr))
                    .unwrap_or_else(|| misplaced(name, &attr)),
            ),
        }
    }
    errors.finish()?;
    Ok(attribute)
}

fn misplaced(name: &str, attr: &SynAttribute) -> syn::Error {
    syn::Error::new_spanned(
        attr,
        format_args!("`#[{name}]` goes on the resource's struct, not on a field; move it above `struct`"),
    )
}

/// `#[attribute]` (nothing to parse) or `#[attribute(options)]`.
fn parse_attribute_helper(
    attr: &SynAttribute,
    attribute: &mut Attribute,
    kind: &mut Option<Ident>,
    cx: &mut ParseCx,
) -> Result<()> {
    let list = match &attr.meta {
        Meta::Path(_) => return Ok(()),
        Meta::List(list) => list,
        Meta::NameValue(_) => {
            return Err(syn::Error::new_spanned(
                &attr.meta,
                "expected arguments in parentheses: `#[attribute(public, allow_nil = false)]`",
            ));
        }
    };
    let parser = |input: ParseStream| {
        parse_entries(input, cx, FIELD_OPTIONS, Separator::Comma, |attrs, key, input, cx| {
            no_attributes(&attrs, cx);
            parse_option(&key, input, attribute, kind, cx)
        })
    };
    list.parse_args_with(parser)
}

fn parse_option(
    key: &Ident,
    input: ParseStream,
    attribute: &mut Attribute,
    kind: &mut Option<Ident>,
    cx: &mut ParseCx,
) -> Result<Entry> {
    let name = key.to_string();
    if let Some(new_kind) = AttributeKind::from_keyword(&name).filter(|_| KINDS.contains(&name.as_str())) {
        if !at_entry_end(input) {
            return Err(syn::Error::new(
                key.span(),
                format_args!("`{key}` takes no value; write `#[attribute({key})]`"),
            ));
        }
        match kind {
            Some(first) => cx.errors.error(
                key.span(),
                format_args!("`{key}` and `{first}` cannot both be given: an attribute has one kind"),
            ),
            None => {
                attribute.kind = new_kind;
                *kind = Some(key.clone());
            }
        }
        return Ok(Entry::Known);
    }
    ATTRIBUTE.parse(attribute, key, input, cx)
}
