//! `attributes { uuid_primary_key id; attribute name: String { allow_nil: false } }`.

use proc_macro2::Span;
use syn::parse::ParseStream;
use syn::{Attribute as SynAttribute, Ident, Result, Token, Type, braced, parse_quote_spanned};

use crate::model::{Attribute, AttributeKind, Constraints};
use crate::surface::common::constraints::constraints_value;
use crate::surface::common::names::{ATTRIBUTE_KEYWORDS, ATTRIBUTE_OPTIONS};
use crate::surface::common::{Entry, ParseCx, Separator, no_attributes, parse_entries, values};

pub fn parse_section(input: ParseStream, attributes: &mut Vec<Attribute>, cx: &mut ParseCx) -> Result<()> {
    parse_entries(input, cx, ATTRIBUTE_KEYWORDS, Separator::Semicolon, |attrs, keyword, input, cx| {
        let kind = match keyword.to_string().as_str() {
            "attribute" => AttributeKind::Plain,
            "uuid_primary_key" => AttributeKind::UuidPrimaryKey,
            "integer_primary_key" => AttributeKind::IntegerPrimaryKey,
            "create_timestamp" => AttributeKind::CreateTimestamp,
            "update_timestamp" => AttributeKind::UpdateTimestamp,
            _ => return Ok(Entry::Unknown),
        };
        attributes.push(parse_attribute(kind, attrs, input, cx)?);
        Ok(Entry::Known)
    })
}

/// `name: Type { options }` after the keyword; the shorthand kinds may leave out the type.
fn parse_attribute(
    kind: AttributeKind,
    attrs: Vec<SynAttribute>,
    input: ParseStream,
    cx: &mut ParseCx,
) -> Result<Attribute> {
    let ident: Ident = input.parse()?;
    let ty = match shorthand_type(kind, ident.span()) {
        Some(ty) if !input.peek(Token![:]) => ty,
        _ => {
            input
                .parse::<Token![:]>()
                .map_err(|error| syn::Error::new(error.span(), format_args!("expected `: Type` after `{ident}`")))?;
            input.parse()?
        }
    };
    let mut attribute = Attribute {
        ident,
        kind,
        ty,
        attrs,
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
    if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        parse_entries(&content, cx, ATTRIBUTE_OPTIONS, Separator::Comma, |attrs, key, input, cx| {
            no_attributes(&attrs, cx);
            parse_option(&key, input, &mut attribute, cx)
        })?;
    }
    Ok(attribute)
}

/// The type a shorthand kind stands for, spanned at the attribute's name;
/// `None` for a plain attribute, whose type is written. Absolute paths, so
/// the user needs no imports for types they did not write.
fn shorthand_type(kind: AttributeKind, span: Span) -> Option<Type> {
    Some(match kind {
        AttributeKind::Plain => return None,
        AttributeKind::UuidPrimaryKey => parse_quote_spanned!(span=> ::resource::__private::uuid::Uuid),
        AttributeKind::IntegerPrimaryKey => parse_quote_spanned!(span=> i64),
        AttributeKind::CreateTimestamp | AttributeKind::UpdateTimestamp => {
            parse_quote_spanned!(span=> ::resource::__private::chrono::DateTime<::resource::__private::chrono::Utc>)
        }
    })
}

fn parse_option(key: &Ident, input: ParseStream, attribute: &mut Attribute, cx: &mut ParseCx) -> Result<Entry> {
    match key.to_string().as_str() {
        "allow_nil" => cx.set_once(&mut attribute.allow_nil, key, values::flag(input, key)?),
        "public" => cx.set_once(&mut attribute.public, key, values::flag(input, key)?),
        "writable" => cx.set_once(&mut attribute.writable, key, values::flag(input, key)?),
        "primary_key" => cx.set_once(&mut attribute.primary_key, key, values::flag(input, key)?),
        "sensitive" => cx.set_once(&mut attribute.sensitive, key, values::flag(input, key)?),
        "generated" => cx.set_once(&mut attribute.generated, key, values::flag(input, key)?),
        "default" => cx.set_once(&mut attribute.default, key, values::expr(input, key)?),
        "update_default" => cx.set_once(&mut attribute.update_default, key, values::expr(input, key)?),
        "description" => cx.set_once(&mut attribute.description, key, values::string(input, key)?),
        "constraints" => {
            let constraints = constraints_value(input, key, cx)?;
            if attribute.constraints.span.is_some() {
                cx.errors.error(key.span(), "duplicate option `constraints`; remove one of them");
            }
            attribute.constraints = constraints;
        }
        _ => return Ok(Entry::Unknown),
    }
    Ok(Entry::Known)
}
