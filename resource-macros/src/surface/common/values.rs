//! Option values. Each function parses the separator after `key` (`:` or
//! `=`, see `key_separator`) and then the value; spans of flags and numbers
//! are the key's, so errors about an option point at its name.

use proc_macro2::Span;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, LitBool, LitFloat, LitInt, LitStr, Result, Token, bracketed, parenthesized};

use super::names::{ACTION_KINDS, DATA_LAYERS, DATA_LAYERS_LOWERCASE, UPSERT_FIELDS};
use super::{Form, ParseCx, key_separator};
use crate::model::{Accept, ActionKind, DataLayer, DataLayerKind, Flag, NumberLit, Spanned, UpsertFields};

/// `key: true` / `key: false`.
pub fn flag(input: ParseStream, key: &Ident, form: Form) -> Result<Flag> {
    key_separator(input, key, form)?;
    let value: LitBool = input
        .parse()
        .map_err(|error| syn::Error::new(error.span(), format_args!("expected `true` or `false` for `{key}`")))?;
    Ok(Flag { value: value.value, span: key.span() })
}

/// `key: 10`, a non-negative integer.
pub fn count(input: ParseStream, key: &Ident, form: Form) -> Result<Spanned<usize>> {
    key_separator(input, key, form)?;
    let value: LitInt = input
        .parse()
        .map_err(|error| syn::Error::new(error.span(), format_args!("expected a non-negative integer for `{key}`")))?;
    Ok(Spanned { value: value.base10_parse()?, span: key.span() })
}

/// `key: -1.5`, an integer or float literal with an optional minus sign.
pub fn number(input: ParseStream, key: &Ident, form: Form) -> Result<NumberLit> {
    key_separator(input, key, form)?;
    let negative = input.parse::<Option<Token![-]>>()?.is_some();
    let sign = if negative { "-" } else { "" };
    let lookahead = input.lookahead1();
    if lookahead.peek(LitInt) {
        let literal: LitInt = input.parse()?;
        let value = format!("{sign}{}", literal.base10_digits())
            .parse()
            .map_err(|_| syn::Error::new(literal.span(), "number out of range for i64"))?;
        Ok(NumberLit::Int(value, key.span()))
    } else if lookahead.peek(LitFloat) {
        let literal: LitFloat = input.parse()?;
        let value: f64 = literal.base10_parse()?;
        Ok(NumberLit::Float(if negative { -value } else { value }, key.span()))
    } else {
        Err(lookahead.error())
    }
}

/// `key: "text"`.
pub fn string(input: ParseStream, key: &Ident, form: Form) -> Result<LitStr> {
    key_separator(input, key, form)?;
    input.parse().map_err(|error| syn::Error::new(error.span(), format_args!("expected a string literal for `{key}`")))
}

/// `key: <Rust expression>`, kept as written.
pub fn expr(input: ParseStream, key: &Ident, form: Form) -> Result<Expr> {
    key_separator(input, key, form)?;
    input.parse()
}

/// `key: name` (Ash's atom `key: :name` is an error at the `:`).
pub fn ident(input: ParseStream, key: &Ident, form: Form) -> Result<Ident> {
    key_separator(input, key, form)?;
    super::list_name(input)
}

/// `key [a, b]` or `key: [a, b]`.
pub fn idents(input: ParseStream, key: &Ident, form: Form) -> Result<Vec<Ident>> {
    key_separator(input, key, form)?;
    ident_list(input)
}

/// `[a, b]`.
pub fn ident_list(input: ParseStream) -> Result<Vec<Ident>> {
    let content;
    bracketed!(content in input);
    Ok(Punctuated::<Ident, Token![,]>::parse_terminated_with(&content, super::list_name)?.into_iter().collect())
}

/// One field (`a`) or a list of them (`[a, b]`), as validations take them.
pub fn fields(input: ParseStream) -> Result<Vec<Ident>> {
    if input.peek(syn::token::Bracket) { ident_list(input) } else { Ok(vec![input.parse()?]) }
}

/// `key *` (all public writable attributes) or `key [a, b]`.
pub fn accept(input: ParseStream, key: &Ident, form: Form) -> Result<Accept> {
    key_separator(input, key, form)?;
    if input.peek(Token![*]) {
        let star: Token![*] = input.parse()?;
        Ok(Accept::All(star.span))
    } else {
        Ok(Accept::List(ident_list(input)?))
    }
}

/// The action kind a name stands for.
pub fn action_kind(name: &Ident) -> Option<ActionKind> {
    match name.to_string().as_str() {
        "create" => Some(ActionKind::Create),
        "read" => Some(ActionKind::Read),
        "update" => Some(ActionKind::Update),
        "destroy" => Some(ActionKind::Destroy),
        _ => None,
    }
}

/// `key [create, update]`; names that are no action kind are recorded as unknown.
pub fn action_kinds(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Vec<(ActionKind, Span)>> {
    let mut kinds = Vec::new();
    for name in idents(input, key, cx.form)? {
        match action_kind(&name) {
            Some(kind) => kinds.push((kind, name.span())),
            None => cx.unknown(name, ACTION_KINDS),
        }
    }
    Ok(kinds)
}

/// `key: Ets`; `None` (and recorded) when the name is no data layer. The
/// lowercase spelling of the attribute surface (`data_layer = sqlite`) is accepted too.
pub fn data_layer(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Option<DataLayer>> {
    let name = ident(input, key, cx.form)?;
    let kind = match name.to_string().as_str() {
        "Ets" | "ets" => DataLayerKind::Ets,
        "Sqlite" | "sqlite" => DataLayerKind::Sqlite,
        "Postgres" | "postgres" => DataLayerKind::Postgres,
        "Embedded" | "embedded" => DataLayerKind::Embedded,
        _ => {
            let names = match cx.form {
                Form::Block => DATA_LAYERS,
                Form::Attribute => DATA_LAYERS_LOWERCASE,
            };
            cx.unknown(name, names);
            return Ok(None);
        }
    };
    Ok(Some(DataLayer { kind }))
}

/// `crate = my_resource` or `crate = "my_resource"` (serde's spelling): a
/// module path, spanned where it was written, so that a path that does not
/// resolve is reported there.
pub fn crate_path(input: ParseStream, key: &Ident, form: Form) -> Result<syn::Path> {
    key_separator(input, key, form)?;
    let usage = |span| {
        let (path, string) =
            (form.option(&key.to_string(), "my_resource"), form.option(&key.to_string(), "\"my_resource\""));
        syn::Error::new(span, format_args!("expected a path for `{key}`, as in `{path}` or `{string}`"))
    };
    if input.peek(LitStr) {
        let literal: LitStr = input.parse()?;
        return literal.parse_with(syn::Path::parse_mod_style).map_err(|_| usage(literal.span()));
    }
    input.call(syn::Path::parse_mod_style).map_err(|error| usage(error.span()))
}

/// `key: [a, b]`, `key: replace_all`, `key: replace_all_except([a])` or
/// `key: replace([a])`; `None` (and recorded) for another name.
pub fn upsert_fields(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Option<UpsertFields>> {
    key_separator(input, key, cx.form)?;
    if input.peek(syn::token::Bracket) {
        return Ok(Some(UpsertFields::Replace(ident_list(input)?)));
    }
    let name: Ident = input.parse()?;
    let fields = match name.to_string().as_str() {
        "replace_all" => UpsertFields::ReplaceAll(name.span()),
        "replace_all_except" => UpsertFields::ReplaceAllExcept(call_fields(input)?),
        "replace" => UpsertFields::Replace(call_fields(input)?),
        _ => {
            cx.unknown(name, UPSERT_FIELDS);
            if input.peek(syn::token::Paren) {
                input.parse::<proc_macro2::Group>()?;
            }
            return Ok(None);
        }
    };
    Ok(Some(fields))
}

/// The fields of `replace_all_except([a, b])`, also written `(a, b)` or `[a, b]`.
fn call_fields(input: ParseStream) -> Result<Vec<Ident>> {
    if !input.peek(syn::token::Paren) {
        return ident_list(input);
    }
    let content;
    parenthesized!(content in input);
    if content.peek(syn::token::Bracket) {
        let fields = ident_list(&content)?;
        content.parse::<Option<Token![,]>>()?;
        Ok(fields)
    } else {
        Ok(Punctuated::<Ident, Token![,]>::parse_terminated(&content)?.into_iter().collect())
    }
}
