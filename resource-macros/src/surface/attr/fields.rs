//! A field of the struct is an attribute of the resource:
//! `#[attribute(public, allow_nil = false, constraints(max_length = 100))] pub name: String`.
//! A field without `#[attribute]` is a plain attribute with no options.

use syn::parse::ParseStream;
use syn::{Attribute as SynAttribute, Field, Ident, Meta, Result};

use super::options::{at_entry_end, constraints, flag};
use super::{FIELD_HELPER, helper_name};
use crate::model::{Attribute, AttributeKind, Constraints};
use crate::surface::common::{Entry, ParseCx, Separator, no_attributes, parse_entries, values};

/// The kinds of the block form's attribute keywords, then the attribute options.
const FIELD_OPTIONS: &[&str] = &[
    "uuid_primary_key",
    "integer_primary_key",
    "create_timestamp",
    "update_timestamp",
    "allow_nil",
    "public",
    "writable",
    "primary_key",
    "sensitive",
    "generated",
    "default",
    "update_default",
    "description",
    "constraints",
];

/// The attribute a field declares. Its other attributes (doc comments,
/// serde) are carried over; its visibility is not: the record's fields are
/// all `pub`, as in the block form.
pub fn parse_field(field: Field, cx: &mut ParseCx) -> Result<Attribute> {
    let ident = field.ident.expect("`parse_struct` admits named fields only");
    let mut attribute = Attribute {
        ident,
        kind: AttributeKind::Plain,
        ty: field.ty,
        attrs: Vec::new(),
        allow_nil: None,
        public: None,
        writable: None,
        primary_key: None,
        sensitive: None,
        generated: None,
        default: None,
        update_default: None,
        description: None,
        constraints: Constraints::default(),
    };
    // The kind and where it was written, to report a second one.
    let mut kind: Option<Ident> = None;
    let mut errors = crate::errors::Errors::new();
    for attr in field.attrs {
        match helper_name(&attr).as_deref() {
            None => attribute.attrs.push(attr),
            Some(FIELD_HELPER) => {
                errors.handle(parse_attribute_helper(&attr, &mut attribute, &mut kind, cx));
            }
            Some(name) => errors.push(misplaced(name, &attr)),
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
    if let Some(new_kind) = attribute_kind(&name) {
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
    match name.as_str() {
        "allow_nil" => cx.set_once(&mut attribute.allow_nil, key, flag(input, key)?),
        "public" => cx.set_once(&mut attribute.public, key, flag(input, key)?),
        "writable" => cx.set_once(&mut attribute.writable, key, flag(input, key)?),
        "primary_key" => cx.set_once(&mut attribute.primary_key, key, flag(input, key)?),
        "sensitive" => cx.set_once(&mut attribute.sensitive, key, flag(input, key)?),
        "generated" => cx.set_once(&mut attribute.generated, key, flag(input, key)?),
        "default" => cx.set_once(&mut attribute.default, key, values::expr(input, key)?),
        "update_default" => cx.set_once(&mut attribute.update_default, key, values::expr(input, key)?),
        "description" => cx.set_once(&mut attribute.description, key, values::string(input, key)?),
        "constraints" => {
            let constraints = constraints(input, key, cx)?;
            if attribute.constraints.span.is_some() {
                cx.errors.error(key.span(), "duplicate option `constraints`; remove one of them");
            }
            attribute.constraints = constraints;
        }
        _ => return Ok(Entry::Unknown),
    }
    Ok(Entry::Known)
}

/// The kind a block-form keyword stands for; `None` for an option.
fn attribute_kind(name: &str) -> Option<AttributeKind> {
    Some(match name {
        "uuid_primary_key" => AttributeKind::UuidPrimaryKey,
        "integer_primary_key" => AttributeKind::IntegerPrimaryKey,
        "create_timestamp" => AttributeKind::CreateTimestamp,
        "update_timestamp" => AttributeKind::UpdateTimestamp,
        _ => return None,
    })
}
