//! The field-handle module: `product::name`, `product::price`, typed handles
//! for filters and sorts (`product::price.lt(dec!(1))`, `product::name.asc()`).

use proc_macro2::Span;
use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use super::{Resolved, docs, unraw, value_type};

/// `pub mod product { pub const name: Field<super::Product, String> = Field::new("name"); .. }`
///
/// A handle on an `Option<T>` attribute has type `Field<R, T>`: comparisons
/// take a `T` (`is_nil()` covers the nil case).
pub(crate) fn field_module(cx: &Resolved) -> TokenStream {
    let resource = &cx.resource.ident;
    let vis = &cx.resource.vis;
    let module = module_ident(&cx.short_name, resource.span());
    let doc = format!(
        "Field handles of [`{resource}`] for filters and sorts: `{module}::<attribute>.eq(..)`, `{module}::<attribute>.asc()`."
    );
    let handles = cx.resource.attributes.iter().map(|attribute| {
        let ident = &attribute.ident;
        let name = unraw(ident);
        let ty = value_type(&attribute.ty);
        let mut doc = format!("The `{name}` attribute.");
        if let Some(description) = &attribute.description {
            doc.push_str(&format!("\n\n{}", description.value()));
        }
        let doc = docs(&doc);
        quote! {
            #doc
            pub const #ident: ::resource::__private::Field<super::#resource, #ty> = ::resource::__private::Field::new(#name);
        }
    });
    let loadables = super::relations::loadables(cx);
    let loadable_handles = loadables.iter().map(|loadable| {
        let ident = loadable.ident();
        let ty = super::relations::handle_type(cx, loadable);
        let value = super::relations::handle_value(loadable);
        let doc = docs(&format!("The `{}` {}.", unraw(ident), loadable.what()));
        quote! {
            #doc
            pub const #ident: #ty = #value;
        }
    });
    let handles = handles.chain(loadable_handles);
    let doc = docs(&doc);
    quote! {
        #doc
        #[allow(non_upper_case_globals, unused_qualifications)]
        #vis mod #module {
            #[allow(unused_imports, clippy::wildcard_imports)]
            use super::*;

            #(#handles)*
        }
    }
}

/// `product`; a keyword becomes a raw identifier (`Match` -> `r#match`), and
/// the few that cannot be raw get a trailing underscore (`Crate` -> `crate_`).
pub(crate) fn module_ident(name: &str, span: Span) -> Ident {
    if syn::parse_str::<Ident>(name).is_ok() {
        return Ident::new(name, span);
    }
    match name {
        "crate" | "self" | "super" | "_" => Ident::new(&format!("{name}_"), span),
        _ => Ident::new_raw(name, span),
    }
}
