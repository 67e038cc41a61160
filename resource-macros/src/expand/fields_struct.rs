//! The field struct: `ProductFields { pub name: Field<Product, String>, .. }`
//! and `impl ResourceFields for Product`, the argument of the closures that
//! `expr!` expands to. A misspelt field in `expr!(prise < 1)` is then rustc's
//! own error at the user's token: "no field `prise` on type `&ProductFields`".

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Resolved, docs, unraw, value_type};

/// The struct (one `Field` per attribute, as the handles in the field
/// module) and its one static instance behind `ResourceFields::fields()`.
pub(crate) fn fields_struct(cx: &Resolved) -> TokenStream {
    let resource = &cx.resource.ident;
    let vis = &cx.resource.vis;
    let ident = format_ident!("{}Fields", resource, span = resource.span());
    let doc = docs(&format!(
        "The field handles of [`{resource}`], one per attribute: what the closures of\n\
         `{resource}::read().filter(expr!(..))` and `.filter(|f| f.<attribute>.eq(..))` receive."
    ));
    let attributes = &cx.resource.attributes;
    let fields = attributes.iter().map(|attribute| {
        let field = &attribute.ident;
        let ty = value_type(&attribute.ty);
        let doc = docs(&format!("The `{}` attribute.", unraw(field)));
        quote! {
            #doc
            pub #field: ::resource::__private::Field<#resource, #ty>
        }
    });
    let values = attributes.iter().map(|attribute| {
        let field = &attribute.ident;
        let name = unraw(field);
        quote!(#field: ::resource::__private::Field::new(#name))
    });
    // Calculations, aggregates and relationships have handles too.
    let loadables = super::relations::loadables(cx);
    let fields = fields.chain(loadables.iter().map(|loadable| {
        let field = loadable.ident();
        let ty = super::relations::handle_type(cx, loadable);
        let doc = docs(&format!("The `{}` {}.", unraw(field), loadable.what()));
        quote! {
            #doc
            pub #field: #ty
        }
    }));
    let values = values.chain(loadables.iter().map(|loadable| {
        let field = loadable.ident();
        let value = super::relations::handle_value(loadable);
        quote!(#field: #value)
    }));
    quote! {
        #doc
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy)]
        #vis struct #ident {
            #(#fields,)*
        }

        #[automatically_derived]
        impl ::resource::__private::ResourceFields for #resource {
            type Fields = #ident;

            fn fields() -> &'static #ident {
                static __FIELDS: #ident = #ident {
                    #(#values,)*
                };
                &__FIELDS
            }
        }
    }
}
