//! `#[derive(Atom)]`: a fieldless enum as an attribute type (Ash's `:atom`
//! with `one_of`). Each variant is stored and accepted by its snake_case name.
//!
//! Generates `Atom`, `AttributeValue`, `From<E> for Value`, `Display`,
//! `FromStr` and serde `Serialize`/`Deserialize` (as the name). The enum
//! must also be `Copy`: `#[derive(Clone, Copy, Atom)]`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields};

use super::{snake_case, unraw};

pub fn derive(input: TokenStream) -> TokenStream {
    let expanded = syn::parse2::<DeriveInput>(input).and_then(|input| {
        let tokens = expand(&input)?;
        Ok(match crate_override(&input)? {
            Some(krate) => super::crate_path::rebase(tokens, &krate),
            None => tokens,
        })
    });
    expanded.unwrap_or_else(syn::Error::into_compile_error)
}

/// `#[atom(crate = my_resource)]` (or `crate = "my_resource"`), serde's
/// spelling, for a renamed dependency.
fn crate_override(input: &DeriveInput) -> syn::Result<Option<syn::Path>> {
    let mut krate = None;
    for attr in input.attrs.iter().filter(|attr| attr.path().is_ident("atom")) {
        attr.parse_args_with(|input: syn::parse::ParseStream| {
            let key: syn::Ident = input.call(syn::ext::IdentExt::parse_any)?;
            if key != "crate" {
                return Err(syn::Error::new(key.span(), format_args!("unknown option `{key}`; expected `crate`")));
            }
            krate = Some(crate::surface::common::values::crate_path(input, &key, crate::model::Form::Attribute)?);
            Ok(())
        })?;
    }
    Ok(krate)
}

fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new(
            input.ident.span(),
            "`#[derive(Atom)]` is for enums whose variants have no fields",
        ));
    };
    if !input.generics.params.is_empty() || input.generics.where_clause.is_some() {
        return Err(syn::Error::new(input.generics.span(), "`#[derive(Atom)]` does not support generic enums"));
    }
    let mut errors: Option<syn::Error> = None;
    for variant in &data.variants {
        if !matches!(variant.fields, Fields::Unit) {
            let error = syn::Error::new(
                variant.fields.span(),
                "`#[derive(Atom)]` needs variants without fields: an atom is one of a fixed set of names",
            );
            match &mut errors {
                Some(errors) => errors.combine(error),
                None => errors = Some(error),
            }
        }
    }
    if let Some(errors) = errors {
        return Err(errors);
    }

    let ident = &input.ident;
    let variants: Vec<_> = data.variants.iter().map(|v| &v.ident).collect();
    let names: Vec<String> = variants.iter().map(|v| snake_case(&unraw(v))).collect();

    Ok(quote! {
        #[automatically_derived]
        impl ::resource::__private::Atom for #ident {
            const NAMES: &'static [&'static str] = &[#(#names),*];
            const VARIANTS: &'static [Self] = &[#(Self::#variants),*];

            fn name(self) -> &'static str {
                match self {
                    #(Self::#variants => #names,)*
                }
            }
        }

        #[automatically_derived]
        impl ::resource::__private::AttributeValue for #ident {
            const TYPE: ::resource::__private::Type =
                ::resource::__private::Type::Atom(<Self as ::resource::__private::Atom>::NAMES);

            fn into_value(self) -> ::resource::__private::Value {
                ::resource::__private::Value::Atom(::std::string::ToString::to_string(
                    ::resource::__private::Atom::name(self),
                ))
            }

            fn from_value(value: ::resource::__private::Value) -> ::core::option::Option<Self> {
                match value {
                    ::resource::__private::Value::Atom(__name) | ::resource::__private::Value::String(__name) => {
                        <Self as ::resource::__private::Atom>::from_name(&__name)
                    }
                    _ => ::core::option::Option::None,
                }
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<#ident> for ::resource::__private::Value {
            fn from(value: #ident) -> Self {
                ::resource::__private::AttributeValue::into_value(value)
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Display for #ident {
            fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                __formatter.write_str(::resource::__private::Atom::name(*self))
            }
        }

        #[automatically_derived]
        impl ::core::str::FromStr for #ident {
            type Err = ::resource::__private::serde::de::value::Error;

            /// Parses a variant's name; the error names the accepted ones.
            fn from_str(name: &str) -> ::core::result::Result<Self, Self::Err> {
                <Self as ::resource::__private::Atom>::from_name(name).ok_or_else(|| {
                    <Self::Err as ::resource::__private::serde::de::Error>::unknown_variant(
                        name,
                        <Self as ::resource::__private::Atom>::NAMES,
                    )
                })
            }
        }

        #[automatically_derived]
        impl ::resource::__private::serde::Serialize for #ident {
            fn serialize<__S>(&self, __serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: ::resource::__private::serde::Serializer,
            {
                __serializer.serialize_str(::resource::__private::Atom::name(*self))
            }
        }

        #[automatically_derived]
        impl<'de> ::resource::__private::serde::Deserialize<'de> for #ident {
            fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: ::resource::__private::serde::Deserializer<'de>,
            {
                let __name: ::std::string::String = ::resource::__private::serde::Deserialize::deserialize(__deserializer)?;
                <Self as ::resource::__private::Atom>::from_name(&__name).ok_or_else(|| {
                    <__D::Error as ::resource::__private::serde::de::Error>::unknown_variant(
                        &__name,
                        <Self as ::resource::__private::Atom>::NAMES,
                    )
                })
            }
        }
    })
}
