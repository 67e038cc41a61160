//! The record struct and `impl Resource` (`info`, `to_row`, `from_row`, `from_values`).

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::punctuated::Punctuated;
use syn::{Ident, Token};

use super::{Resolved, effective, info, local, relations, unraw, vec_of};

/// The struct as the user declared it: their docs, their field types (with
/// their spans, so type errors point at them), serde derives through the
/// runtime's re-export. `Debug` redacts sensitive attributes, as Ash does,
/// and `Serialize` leaves them out.
pub(crate) fn record(cx: &Resolved) -> TokenStream {
    let resource = cx.resource;
    let ident = &resource.ident;
    let vis = &resource.vis;
    let attrs = &resource.attrs;
    let fields = resource.attributes.iter().map(|attribute| {
        let attrs = &attribute.attrs;
        let ident = &attribute.ident;
        let ty = &attribute.ty;
        // Ash's `sensitive?`: never written out; an `Option` reads back as nil.
        let skip = effective(attribute).sensitive.then(|| match super::option_inner(ty) {
            Some(_) => quote!(#[serde(skip_serializing, default)]),
            None => quote!(#[serde(skip_serializing)]),
        });
        // Through `AttributeValue`, spanned at the type: a type that is no
        // attribute type is one error there, not four about serde. An
        // `Option` keeps reading a missing field as `None`.
        let at = syn::spanned::Spanned::span(ty);
        let with = syn::LitStr::new("::resource::__private::attribute_serde", at);
        let default =
            (super::option_inner(ty).is_some() && !effective(attribute).sensitive).then(|| quote!(#[serde(default)]));
        quote! {
            #(#attrs)*
            #skip
            #[serde(with = #with)]
            #default
            pub #ident: #ty
        }
    });
    // Calculations, aggregates and relationships: not loaded until a read loads them.
    let loadables = relations::loadables(cx);
    let loaded_fields = loadables.iter().map(|loadable| {
        let attrs = loadable.attrs();
        let ident = loadable.ident();
        let ty = relations::loaded_type(cx, loadable);
        let doc = (!attrs.iter().any(|a| a.path().is_ident("doc"))).then(|| {
            let doc = format!(" The `{}` {} (loaded on demand).", unraw(ident), loadable.what());
            quote!(#[doc = #doc])
        });
        // A relationship's records are read back through the destination's table.
        let deserialize = match loadable {
            relations::Loadable::Relationship(rel) => {
                let path = format!("{}::{}", resource.ident, relations::deserialize_fn(rel));
                quote!(#[serde(deserialize_with = #path)])
            }
            _ => quote!(),
        };
        quote! {
            #(#attrs)*
            #doc
            #[serde(default, skip_serializing_if = "::resource::__private::Loaded::is_not_loaded")]
            #deserialize
            pub #ident: ::resource::__private::Loaded<#ty>
        }
    });
    let fields = fields.chain(loaded_fields);
    // A trait the user already derives is not derived again (that would be E0119).
    let user_derives = user_derives(attrs);
    let ours = [
        ("Debug", quote!(::core::fmt::Debug)),
        ("Clone", quote!(::core::clone::Clone)),
        ("PartialEq", quote!(::core::cmp::PartialEq)),
        ("Serialize", quote!(::resource::__private::serde::Serialize)),
        ("Deserialize", quote!(::resource::__private::serde::Deserialize)),
    ];
    let redact = resource.attributes.iter().any(|a| effective(a).sensitive);
    let derives = ours
        .into_iter()
        .filter(|(name, _)| !user_derives.iter().any(|d| d == name))
        .filter(|(name, _)| !(redact && *name == "Debug"))
        .map(|(_, path)| path);
    let debug_impl = (redact && !user_derives.iter().any(|d| d == "Debug")).then(|| redacting_debug(cx));
    let serde_crate = (!user_derives.iter().any(|d| d == "Serialize" || d == "Deserialize"))
        .then(|| quote!(#[serde(crate = "::resource::__private::serde")]));
    let accessors = relationship_accessors(cx);
    quote! {
        #(#attrs)*
        #[derive(#(#derives,)*)]
        #serde_crate
        #vis struct #ident {
            #(#fields,)*
        }

        #debug_impl
        #accessors
    }
}

/// `ticket.representative()?` and `representative.tickets()?`: a loaded
/// relationship in one call, `Error::NotLoaded` (naming the `.load(..)` to
/// add) when the read did not load it. A relationship named like one of the
/// resource's actions keeps only its field (the action's method wins).
fn relationship_accessors(cx: &Resolved) -> Option<TokenStream> {
    let resource = cx.resource;
    let ident = &resource.ident;
    let name = &cx.name;
    let module = &cx.short_name;
    let taken = |rel: &Ident| {
        cx.actions.iter().any(|action| action.ident == *rel) || rel == "get" || rel.to_string().starts_with("get_by_")
    };
    let accessors: Vec<TokenStream> = resource
        .relationships
        .iter()
        .filter(|rel| !taken(&rel.ident))
        .map(|rel| {
            let field = &rel.ident;
            let field_name = unraw(field);
            let destination = &rel.destination;
            if rel.kind.is_to_many() {
                let doc = format!(
                    " The loaded `{field_name}` records.\n\n # Errors\n\n `Error::NotLoaded` unless the read \
                     loaded them (`.load({module}::{field_name})`)."
                );
                quote! {
                    #[doc = #doc]
                    pub fn #field(&self) -> ::resource::__private::Result<&[#destination]> {
                        ::resource::__private::related_many(&self.#field, #name, #module, #field_name)
                    }
                }
            } else {
                let doc = format!(
                    " The loaded `{field_name}` record (`None` when there is none).\n\n # Errors\n\n \
                     `Error::NotLoaded` unless the read loaded it (`.load({module}::{field_name})`)."
                );
                quote! {
                    #[doc = #doc]
                    pub fn #field(&self) -> ::resource::__private::Result<::core::option::Option<&#destination>> {
                        ::resource::__private::related_one(&self.#field, #name, #module, #field_name)
                    }
                }
            }
        })
        .collect();
    (!accessors.is_empty()).then(|| {
        quote! {
            impl #ident {
                #(#accessors)*
            }
        }
    })
}

/// The last path segment of every trait in the user's `#[derive(..)]`s.
fn user_derives(attrs: &[syn::Attribute]) -> Vec<String> {
    let paths = Punctuated::<syn::Path, Token![,]>::parse_terminated;
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("derive"))
        .filter_map(|attr| attr.parse_args_with(paths).ok())
        .flatten()
        .filter_map(|path| path.segments.last().map(|segment| segment.ident.to_string()))
        .collect()
}

/// `Debug` that prints `"**redacted**"` for sensitive attributes.
fn redacting_debug(cx: &Resolved) -> TokenStream {
    let ident = &cx.resource.ident;
    let name = &cx.name;
    let fields = cx.resource.attributes.iter().map(|attribute| {
        let field = &attribute.ident;
        let field_name = unraw(field);
        if effective(attribute).sensitive {
            quote!(.field(#field_name, &::core::format_args!("**redacted**")))
        } else {
            quote!(.field(#field_name, &self.#field))
        }
    });
    let loadables = relations::loadables(cx);
    let fields = fields.chain(loadables.iter().map(|loadable| {
        let field = loadable.ident();
        let field_name = unraw(field);
        quote!(.field(#field_name, &self.#field))
    }));
    quote! {
        #[automatically_derived]
        impl ::core::fmt::Debug for #ident {
            fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                __formatter.debug_struct(#name)
                    #(#fields)*
                    .finish()
            }
        }
    }
}

/// `impl Resource`: the static table, and the conversions to and from rows.
pub(crate) fn resource_impl(cx: &Resolved) -> TokenStream {
    let ident = &cx.resource.ident;
    let name = &cx.name;
    let info = info::resource_info(cx);
    let attributes = &cx.resource.attributes;

    let to_row = vec_of(attributes.iter().map(|attribute| {
        let field = &attribute.ident;
        quote!(::resource::__private::AttributeValue::into_value(::core::clone::Clone::clone(&self.#field)))
    }));

    let count = Literal::usize_unsuffixed(attributes.len());
    let wrong_length = format!("{name}: a row has {{}} values, expected {count}");
    let locals: Vec<_> = attributes.iter().map(|a| local(&a.ident)).collect();
    let from_row = attributes.iter().zip(&locals).map(|(attribute, local)| {
        let field = &attribute.ident;
        let field_name = unraw(field);
        match &attribute.constraints.load {
            // An embed's `load` constraint: its calculations, computed on the way in.
            Some(load) => {
                let ty = &attribute.ty;
                let names = super::str_slice(load);
                quote!(#field: ::resource::__private::field_from_value(#name, #field_name,
                    ::resource::__private::with_loaded(<#ty as ::resource::__private::AttributeValue>::TYPE, #names, #local))?)
            }
            None => quote!(#field: ::resource::__private::field_from_value(#name, #field_name, #local)?),
        }
    });
    let from_row: Vec<_> = from_row.collect();
    // Value by value: each field through its type's typed call (a `String`
    // straight from the stored text, ..), except an embed's with a `load`
    // constraint, whose calculations are computed on its `Value`. Every
    // value is taken before any field is built, as `from_row` does: a value
    // that does not decode is the error before one that does not fit.
    let take = attributes.iter().zip(&locals).map(|(attribute, local)| match &attribute.constraints.load {
        Some(_) => quote!(let #local = ::resource::__private::RowValues::next_value(values)?;),
        None => {
            let ty = &attribute.ty;
            quote!(let #local = (&::resource::__private::Take::<#ty>::new()).take(values)?;)
        }
    });
    let from_values = attributes.iter().zip(&locals).zip(&from_row).map(|((attribute, local), from_row)| {
        let field = &attribute.ident;
        let field_name = unraw(field);
        match &attribute.constraints.load {
            Some(_) => from_row.clone(),
            // `field_from_value` as in `from_row`: a type that is no attribute
            // type is the same error there, reported once.
            None => quote! {
                #field: match #local {
                    ::resource::__private::Decoded::Typed(__value) => __value,
                    ::resource::__private::Decoded::Value(__value) => {
                        ::resource::__private::field_from_value(#name, #field_name, __value)?
                    }
                }
            },
        }
    });
    let loadables = relations::loadables(cx);
    let not_loaded = loadables.iter().map(|loadable| {
        let field = loadable.ident();
        quote!(#field: ::resource::__private::Loaded::NotLoaded)
    });
    let not_loaded: Vec<_> = not_loaded.collect();
    let from_record = (!loadables.is_empty()).then(|| from_record(cx, &loadables));

    quote! {
        #[automatically_derived]
        impl ::resource::__private::IsResource for #ident {
            type Itself = Self;
        }

        #[automatically_derived]
        impl ::resource::__private::Resource for #ident {
            #[allow(clippy::too_many_lines)]
            fn info() -> &'static ::resource::__private::ResourceInfo {
                #info
                &__INFO
            }

            fn to_row(&self) -> ::resource::__private::Row {
                #to_row
            }

            fn from_row(row: ::resource::__private::Row) -> ::resource::__private::Result<Self> {
                let [#(#locals),*]: [::resource::__private::Value; #count] = ::core::convert::TryFrom::try_from(row)
                    .map_err(|__row: ::resource::__private::Row| {
                        ::resource::__private::Error::DataLayer(::std::format!(#wrong_length, __row.len()))
                    })?;
                ::core::result::Result::Ok(#ident {
                    #(#from_row,)*
                    #(#not_loaded,)*
                })
            }

            fn from_values(
                values: &mut dyn ::resource::__private::RowValues,
            ) -> ::resource::__private::Result<Self> {
                use ::resource::__private::{TakeTyped as _, TakeValue as _};
                #(#take)*
                ::core::result::Result::Ok(#ident {
                    #(#from_values,)*
                    #(#not_loaded,)*
                })
            }

            #from_record
        }
    }
}

/// `from_record`: the row, then each loaded value into its field.
fn from_record(cx: &Resolved, loadables: &[relations::Loadable]) -> TokenStream {
    let name = &cx.name;
    let arms = loadables.iter().map(|loadable| {
        let field = loadable.ident();
        let field_name = unraw(field);
        let convert = match loadable {
            relations::Loadable::Relationship(rel) => {
                let table = relations::destination_fn(rel);
                let one_or_many = if rel.kind.is_to_many() { quote!(many) } else { quote!(one) };
                quote!((Self::#table().#one_or_many))
            }
            _ => quote!(::resource::__private::loaded_value),
        };
        quote! {
            #field_name => __record.#field = #convert(#name, #field_name, __value)?
        }
    });
    quote! {
        fn from_record(record: ::resource::__private::Record) -> ::resource::__private::Result<Self> {
            let ::resource::__private::Record { row, loaded } = record;
            let mut __record = <Self as ::resource::__private::Resource>::from_row(row)?;
            for (__name, __value) in loaded {
                match __name {
                    #(#arms,)*
                    _ => {}
                }
            }
            ::core::result::Result::Ok(__record)
        }
    }
}
