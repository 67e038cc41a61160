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

/// `constraints { load: [..] }` is for an embedded resource's attribute: a
/// compile-time check per attribute that has it, spanned at `load`'s names.
fn load_checks(cx: &Resolved) -> TokenStream {
    cx.resource
        .attributes
        .iter()
        .filter_map(|attribute| {
            let first = attribute.constraints.load.as_ref()?.first()?;
            let ty = &attribute.ty;
            let message = format!(
                "the `load` constraint of `{}` names calculations of an embedded resource, and its type is none",
                crate::naming::unraw(&attribute.ident)
            );
            Some(quote_spanned! {first.span()=>
                const _: () = ::core::assert!(
                    ::resource::__private::is_embedded(<#ty as ::resource::__private::AttributeValue>::TYPE),
                    #message
                );
            })
        })
        .collect()
}
