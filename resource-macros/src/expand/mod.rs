//! Code generation: a validated `model::Resource` in, Rust items out.
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
//!    relationships and aggregates of the table and the record's `Loaded` fields).

pub mod atom;
mod builders;
mod fields;
mod fields_struct;
pub(crate) mod filter;
mod info;
mod record;
mod relations;

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Expr, GenericArgument, Ident, PathArguments, Type};

use crate::model::{Accept, Action, ActionKind, Argument, Attribute, AttributeKind, Resource};

pub fn expand(resource: &Resource) -> TokenStream {
    let cx = Context::new(resource);
    let record = record::record(&cx);
    let resource_impl = record::resource_impl(&cx);
    let entry_points = builders::entry_points(&cx);
    let builders = builders::builders(&cx);
    let fields = fields::field_module(&cx);
    let fields_struct = fields_struct::fields_struct(&cx);
    let type_tables = relations::type_tables(&cx);
    quote! {
        #record
        #resource_impl
        #entry_points
        #builders
        #fields
        #fields_struct
        #type_tables
    }
}

/// The resource plus what every generator needs computed once: names, and
/// the actions with `defaults` unfolded and `accept` resolved.
pub(crate) struct Context<'a> {
    pub resource: &'a Resource,
    /// `"Product"`.
    pub name: String,
    /// `"product"`: messages, the default table name, the field-handle module.
    pub short_name: String,
    pub actions: Vec<ActionView<'a>>,
}

/// One action as the generated code sees it, whether it came from
/// `defaults [..]` or was declared by name.
pub(crate) struct ActionView<'a> {
    /// The action's name, spanned where the user wrote it.
    pub ident: Ident,
    pub kind: ActionKind,
    pub primary: bool,
    /// The attributes the action accepts, resolved from `accept` or `default_accept`.
    pub accept: Vec<&'a Attribute>,
    /// The declaration; `None` for an action from `defaults`.
    pub decl: Option<&'a Action>,
}

impl<'a> Context<'a> {
    fn new(resource: &'a Resource) -> Self {
        let name = unraw(&resource.ident);
        let short_name = snake_case(&name);
        let default_accept = resource.actions.default_accept.as_ref();
        let accepts = |kind: ActionKind, accept: Option<&Accept>| -> Vec<&'a Attribute> {
            // Ash: `default_accept` is the `accept` of every create and update
            // action that does not write its own; other actions accept nothing.
            let accept = match kind {
                ActionKind::Create | ActionKind::Update => accept.or(default_accept),
                ActionKind::Read | ActionKind::Destroy => accept,
            };
            resolve_accept(resource, accept)
        };
        let defaults = resource.actions.defaults.iter().map(|&(kind, span)| ActionView {
            ident: Ident::new(kind_name(kind), span),
            kind,
            primary: true,
            accept: accepts(kind, None),
            decl: None,
        });
        let declared = resource.actions.actions.iter().map(|action| ActionView {
            ident: action.ident.clone(),
            kind: action.kind,
            primary: action.primary.is_some_and(|flag| flag.value),
            accept: accepts(action.kind, action.accept.as_ref()),
            decl: Some(action),
        });
        let actions = defaults.chain(declared).collect();
        Context { resource, name, short_name, actions }
    }

    pub fn attribute(&self, ident: &Ident) -> Option<&'a Attribute> {
        self.resource.attributes.iter().find(|a| a.ident == *ident)
    }

    /// The type of an attribute, or else of an argument of `action`, named `ident`.
    pub fn field_type(&self, action: Option<&ActionView<'a>>, ident: &Ident) -> Option<&'a Type> {
        if let Some(attribute) = self.attribute(ident) {
            return Some(&attribute.ty);
        }
        action.and_then(|action| action.arguments().iter().find(|a| a.ident == *ident)).map(|a| &a.ty)
    }
}

fn resolve_accept<'a>(resource: &'a Resource, accept: Option<&Accept>) -> Vec<&'a Attribute> {
    match accept {
        None => Vec::new(),
        Some(Accept::All(_)) => {
            resource.attributes.iter().filter(|a| defaults_of(a).public && defaults_of(a).writable).collect()
        }
        Some(Accept::List(idents)) => {
            let mut accepted: Vec<&Attribute> = Vec::new();
            for ident in idents {
                let found = resource.attributes.iter().find(|a| a.ident == *ident);
                if let Some(attribute) = found
                    && !accepted.iter().any(|a| a.ident == attribute.ident)
                {
                    accepted.push(attribute);
                }
            }
            accepted
        }
    }
}

impl<'a> ActionView<'a> {
    /// The action's name as the runtime knows it.
    pub fn name(&self) -> String {
        unraw(&self.ident)
    }

    pub fn arguments(&self) -> &'a [Argument] {
        self.decl.map_or(&[], |action| &action.arguments)
    }

    /// `ProductCreate`, `UserNewCustomer`.
    pub fn builder_ident(&self, cx: &Context) -> Ident {
        Ident::new(&format!("{}{}", cx.name, camel_case(&self.name())), self.ident.span())
    }
}

/// The options of an attribute with Ash's defaults for its kind applied.
pub(crate) struct Effective {
    pub allow_nil: bool,
    pub public: bool,
    pub writable: bool,
    pub primary_key: bool,
    pub sensitive: bool,
    pub generated: bool,
}

/// Ash's defaults per kind (research/ash.md §1a), overridden by what the user wrote.
/// `allow_nil` follows the written type: `Option<T>` is nullable.
pub(crate) fn defaults_of(attribute: &Attribute) -> Effective {
    let key = matches!(attribute.kind, AttributeKind::UuidPrimaryKey | AttributeKind::IntegerPrimaryKey);
    let (public, writable, generated) = match attribute.kind {
        AttributeKind::Plain => (false, true, false),
        AttributeKind::UuidPrimaryKey => (true, false, false),
        AttributeKind::IntegerPrimaryKey => (true, false, true),
        AttributeKind::CreateTimestamp | AttributeKind::UpdateTimestamp => (false, false, false),
    };
    let flag = |flag: Option<crate::model::Flag>, default: bool| flag.map_or(default, |f| f.value);
    Effective {
        allow_nil: option_inner(&attribute.ty).is_some(),
        public: flag(attribute.public, public),
        writable: flag(attribute.writable, writable),
        primary_key: flag(attribute.primary_key, key),
        sensitive: flag(attribute.sensitive, false),
        generated: flag(attribute.generated, generated),
    }
}

pub(crate) fn kind_name(kind: ActionKind) -> &'static str {
    match kind {
        ActionKind::Create => "create",
        ActionKind::Read => "read",
        ActionKind::Update => "update",
        ActionKind::Destroy => "destroy",
    }
}

pub(crate) fn action_kind(kind: ActionKind) -> TokenStream {
    let variant = Ident::new(camel_case(kind_name(kind)).as_str(), Span::call_site());
    quote!(::resource::__private::ActionKind::#variant)
}

/// `T` for `Option<T>` (also `::core::option::Option<T>`, `std::option::Option<T>`).
pub(crate) fn option_inner(ty: &Type) -> Option<&Type> {
    match ty {
        Type::Group(group) => option_inner(&group.elem),
        Type::Paren(paren) => option_inner(&paren.elem),
        Type::Path(path) if path.qself.is_none() => {
            let segments = &path.path.segments;
            let last = segments.last()?;
            let prefix: Vec<String> = segments.iter().take(segments.len() - 1).map(|s| s.ident.to_string()).collect();
            let prefix_ok = prefix.is_empty()
                || prefix == ["std", "option"]
                || prefix == ["core", "option"]
                || prefix == ["alloc", "option"];
            if last.ident != "Option" || !prefix_ok {
                return None;
            }
            match &last.arguments {
                PathArguments::AngleBracketed(args) if args.args.len() == 1 => match args.args.first() {
                    Some(GenericArgument::Type(inner)) => Some(inner),
                    _ => None,
                },
                _ => None,
            }
        }
        _ => None,
    }
}

/// The type values are given in: `T` for an `Option<T>` field, the field's type otherwise.
pub(crate) fn value_type(ty: &Type) -> &Type {
    option_inner(ty).unwrap_or(ty)
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

/// An identifier as the runtime names it: `r#type` is `"type"`.
pub(crate) fn unraw(ident: &Ident) -> String {
    ident.unraw().to_string()
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

/// `LineItem` -> `line_item`, `HTTPServer` -> `http_server`.
pub(crate) fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1);
            let boundary = match prev {
                None | Some('_') => false,
                Some(p) if p.is_lowercase() || p.is_ascii_digit() => true,
                Some(p) => p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()),
            };
            if boundary {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `new_customer` -> `NewCustomer`.
pub(crate) fn camel_case(name: &str) -> String {
    name.split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
        })
        .collect()
}

/// `__name`: a local named after a field.
pub(crate) fn local(ident: &Ident) -> Ident {
    format_ident!("__{}", ident)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_conversions() {
        assert_eq!(snake_case("Product"), "product");
        assert_eq!(snake_case("LineItem"), "line_item");
        assert_eq!(snake_case("HTTPServer"), "http_server");
        assert_eq!(snake_case("Item2Go"), "item2_go");
        assert_eq!(camel_case("new_customer"), "NewCustomer");
        assert_eq!(camel_case("create"), "Create");
    }

    #[test]
    fn option_types() {
        let ty: Type = syn::parse_quote!(Option<String>);
        assert!(option_inner(&ty).is_some());
        let ty: Type = syn::parse_quote!(::core::option::Option<String>);
        assert!(option_inner(&ty).is_some());
        let ty: Type = syn::parse_quote!(my::Option<String>);
        assert!(option_inner(&ty).is_none());
        let ty: Type = syn::parse_quote!(String);
        assert!(option_inner(&ty).is_none());
    }
}
