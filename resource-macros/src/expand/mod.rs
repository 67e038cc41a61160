//! Code generation: a validated, resolved `model::Resource` in, Rust items out.
//!
//! Infallible by design: `validate` has already ruled out bad states. Where the
//! generator still meets something it cannot express, it emits a
//! `compile_error!` at the user's tokens instead of panicking.
//!
//! The output, in order (see `docs/generated-code.md`):
//! 1. the record struct and its `Debug` impl (`record.rs`),
//! 2. `impl Resource`, holding the static `ResourceInfo` table (`record.rs`, `info.rs`),
//! 3. the entry points `Product::create()`, `.update()`, `Product::get(..)` (`builders.rs`),
//! 4. one typed builder per create, update and destroy action (`builders.rs`),
//! 5. the field-handle module `product::name` (`fields.rs`),
//! 6. the field struct `ProductFields` that `expr!` closures receive (`fields_struct.rs`),
//! 7. the type-level tables `FieldType` / `RelatedTo` and the checks of names
//!    on other resources (`relations.rs`, which also writes the calculations,
//!    relationships and aggregates of the table and the record's `Loaded` fields),
//! 8. for an embedded resource, its impls as an attribute type (`embedded.rs`).

pub mod atom;
mod builders;
pub(crate) mod crate_path;
pub(crate) mod embedded;
mod fields;
mod fields_struct;
pub(crate) mod filter;
mod filter_types;
mod info;
mod record;
mod relations;
pub(crate) mod sqlite;

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Expr, Ident, Type};

use crate::model::ActionKind;
pub(crate) use crate::naming::{camel_case, snake_case, unraw};
pub(crate) use crate::resolve::{ActionView, Resolved, effective, option_inner, value_type};

pub fn expand(cx: &Resolved) -> TokenStream {
    let record = record::record(cx);
    let resource_impl = record::resource_impl(cx);
    let entry_points = builders::entry_points(cx);
    let builders = builders::builders(cx);
    let fields = fields::field_module(cx);
    let fields_struct = fields_struct::fields_struct(cx);
    let type_tables = relations::type_tables(cx);
    let destinations = relations::destination_tables(cx);
    let embedded = embedded::embedded_impls(cx);
    let items = quote! {
        #record
        #resource_impl
        #entry_points
        #builders
        #fields
        #fields_struct
        #type_tables
        #destinations
        #embedded
    };
    match &cx.resource.crate_path {
        Some(krate) => crate_path::rebase(items, krate),
        None => items,
    }
}

impl ActionView<'_> {
    /// `ProductCreate`, `UserNewCustomer`.
    pub fn builder_ident(&self, cx: &Resolved) -> Ident {
        Ident::new(&format!("{}{}", cx.name, camel_case(&self.name())), self.ident.span())
    }
}

/// Another resource, as generated code names it: `<Author as IsResource>::Itself`,
/// spanned at the user's type, so that a type that is no resource is one
/// error there (rustc reports the failed projection once per span).
pub(crate) fn resource_type(ty: &impl ToTokens) -> TokenStream {
    let span = ty.to_token_stream().into_iter().next().map_or_else(Span::call_site, |token| token.span());
    quote_spanned!(span=> <#ty as ::resource::__private::IsResource>::Itself)
}

pub(crate) fn action_kind(kind: ActionKind) -> TokenStream {
    let variant = Ident::new(camel_case(kind.keyword()).as_str(), Span::call_site());
    quote!(::resource::__private::ActionKind::#variant)
}

/// An expression (the body of a `fn() -> Value`) that turns a user's
/// expression into a value of a field of type `ty`, type-checked by rustc at
/// the user's expression:
/// `{ let __value: Decimal = Into::into(<expr>); AttributeValue::into_value(__value) }`.
///
/// For an `Option<T>` field the expression is a `T`; a bare `None` is nil.
pub(crate) fn typed_value(ty: &Type, expr: &Expr) -> TokenStream {
    if option_inner(ty).is_some() && is_none(expr) {
        return quote_spanned!(expr.span()=> ::resource::__private::Value::Nil);
    }
    let value_ty = value_type(ty);
    let expr = strip_parens(expr);
    quote_spanned! {expr.span()=> {
        let __value: #value_ty = ::core::convert::Into::into(#expr);
        ::resource::__private::AttributeValue::into_value(__value)
    }}
}

/// A user's expression turned into a `Value` through `Into<Value>`, for
/// places where no field type is known.
pub(crate) fn untyped_value(expr: &Expr) -> TokenStream {
    let expr = strip_parens(expr);
    quote_spanned!(expr.span()=> ::core::convert::Into::<::resource::__private::Value>::into(#expr))
}

/// `None`, `Option::None`, `::core::option::Option::None`.
fn is_none(expr: &Expr) -> bool {
    match strip_parens(expr) {
        Expr::Path(path) if path.qself.is_none() => {
            let segments: Vec<_> = path.path.segments.iter().map(|s| s.ident.to_string()).collect();
            match segments.as_slice() {
                [.., option, none] => none == "None" && option == "Option",
                [none] => none == "None",
                [] => false,
            }
        }
        _ => false,
    }
}

/// The expression inside any parentheses, so that `^(a + b)` does not
/// become `Expr::value((a + b))` and trip `unused_parens`.
pub(crate) fn strip_parens(expr: &Expr) -> &Expr {
    match expr {
        Expr::Paren(paren) => strip_parens(&paren.expr),
        Expr::Group(group) => strip_parens(&group.expr),
        _ => expr,
    }
}

/// `::core::option::Option::Some(#value)` or `::core::option::Option::None`.
pub(crate) fn some<T: ToTokens>(value: Option<T>) -> TokenStream {
    match value {
        Some(value) => quote!(::core::option::Option::Some(#value)),
        None => quote!(::core::option::Option::None),
    }
}

/// `&["a", "b"]`.
pub(crate) fn str_slice<'i>(idents: impl IntoIterator<Item = &'i Ident>) -> TokenStream {
    let names = idents.into_iter().map(unraw);
    quote!(&[#(#names),*])
}

/// The doc comments among `attrs`, joined as rustdoc joins them.
pub(crate) fn doc_text(attrs: &[syn::Attribute]) -> Option<String> {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc"))
        .filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .map(|line| line.strip_prefix(' ').map(str::to_owned).unwrap_or(line))
        .collect();
    let text = lines.join("\n").trim().to_owned();
    (!text.is_empty()).then_some(text)
}

/// `#[doc = " line"]` per line of `text`, so that the expansion shows `/// line`.
pub(crate) fn docs(text: &str) -> TokenStream {
    text.lines()
        .map(|line| {
            let line = if line.is_empty() { String::new() } else { format!(" {line}") };
            quote!(#[doc = #line])
        })
        .collect()
}

/// `::std::vec::Vec::from([a, b])`: a call rather than `vec![..]`, which
/// rustfmt and prettyplease leave unformatted.
pub(crate) fn vec_of(items: impl IntoIterator<Item = TokenStream>) -> TokenStream {
    let items = items.into_iter();
    quote!(::std::vec::Vec::from([#(#items),*]))
}

/// `__name`: a local named after a field.
pub(crate) fn local(ident: &Ident) -> Ident {
    format_ident!("__{}", ident)
}
