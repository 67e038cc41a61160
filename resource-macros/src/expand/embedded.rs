//! An embedded resource (`data_layer: Embedded`) is an attribute type:
//! `impl EmbeddedResource` and `impl AttributeValue` for the record, so that
//! another resource may hold it (`profile: Profile`, `Option<Profile>`,
//! `tags: Vec<Tag>`); nothing for other resources.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use crate::model::DataLayerKind;
use crate::resolve::Resolved;

pub(crate) fn embedded_impls(cx: &Resolved) -> TokenStream {
    let checks = load_checks(cx);
    let resource = cx.resource;
    if resource.data_layer.kind != DataLayerKind::Embedded {
        return checks;
    }
    let ident = &resource.ident;
    let name = &cx.name;
    let nil_values = resource.embed_nil_values.is_none_or(|flag| flag.value);
    quote! {
        #checks

        #[automatically_derived]
        impl ::resource::__private::EmbeddedResource for #ident {
            const NAME: &'static str = #name;
            const NIL_VALUES: bool = #nil_values;
        }

        #[automatically_derived]
        impl ::resource::__private::HoldsEmbed for #ident {
            type Embed = Self;
        }

        #[automatically_derived]
        impl ::resource::__private::ExprValue for #ident {
            type Kind = ::resource::__private::kind::Json;
            fn into_value(self) -> ::resource::__private::Value {
                ::resource::__private::embedded_into_value(&self)
            }
        }

        #[automatically_derived]
        impl ::resource::__private::AttributeValue for #ident {
            const TYPE: ::resource::__private::Type = ::resource::__private::embed_of::<#ident>(false);
            fn into_value(self) -> ::resource::__private::Value {
                ::resource::__private::embedded_into_value(&self)
            }
            fn from_value(value: ::resource::__private::Value) -> ::core::option::Option<Self> {
                ::resource::__private::embedded_from_value(value)
            }
        }
    }
}

/// `constraints { load: [..] }` names calculations of the embed the
/// attribute holds: a check per name, spanned at it, that the type holds an
/// embed (`HoldsEmbed`) which has a field of that name (`FieldType`).
fn load_checks(cx: &Resolved) -> TokenStream {
    let checks = cx.resource.attributes.iter().flat_map(|attribute| {
        let ty = &attribute.ty;
        attribute.constraints.load.iter().flatten().map(move |name| {
            let key = crate::naming::unraw(name);
            quote_spanned! {name.span()=>
                let _: ::core::marker::PhantomData<
                    <<#ty as ::resource::__private::HoldsEmbed>::Embed
                        as ::resource::__private::FieldType<{ ::resource::__private::field_key(#key) }>>::Type,
                >;
            }
        })
    });
    let checks: Vec<TokenStream> = checks.collect();
    if checks.is_empty() {
        return TokenStream::new();
    }
    quote! {
        const _: fn() = || {
            #(#checks)*
        };
    }
}
