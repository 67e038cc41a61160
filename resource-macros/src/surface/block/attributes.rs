//! `attributes { uuid_primary_key id; attribute name: String { allow_nil: false } }`.

use proc_macro2::Span;
use syn::parse::ParseStream;
use syn::{Attribute as SynAttribute, Ident, Result, Token, Type, braced, parse_quote_spanned};

use crate::model::{Attribute, AttributeKind};
use crate::surface::common::attribute::ATTRIBUTE;
use crate::surface::common::names::ATTRIBUTE_KEYWORDS;
use crate::surface::common::{Entry, ParseCx, Separator, parse_entries};

pub fn parse_section(input: ParseStream, attributes: &mut Vec<Attribute>, cx: &mut ParseCx) -> Result<()> {
    parse_entries(input, cx, ATTRIBUTE_KEYWORDS, Separator::Semicolon, |attrs, keyword, input, cx| {
        let Some(kind) = AttributeKind::from_keyword(&keyword.to_string()) else { return Ok(Entry::Unknown) };
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
    let mut attribute = Attribute::new(ident, kind, ty, attrs);
    if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        ATTRIBUTE.parse_all(&mut attribute, &content, cx, Separator::Comma)?;
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
