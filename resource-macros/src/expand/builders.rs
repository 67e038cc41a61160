//! Typed entry points (`Product::create()`, `product.update()`, `Product::read()`,
//! `Product::get(..)`) and one builder per create, update and destroy action.
//!
//! A builder has a setter for each attribute the action accepts and each of
//! its arguments, and nothing else: setting anything else is a compile error
//! ("no method named `..`"). Setters store runtime `Value`s in an
//! `ActionInput`; casting, defaults, changes and validations happen in the runtime.

use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::{Ident, Type};

use super::{ActionView, Resolved, docs, option_inner, unraw, value_type, vec_of};
use crate::model::{ActionKind, Attribute};

/// `impl Product { pub fn create() -> ProductCreate { .. } .. }`
pub(crate) fn entry_points(cx: &Resolved) -> TokenStream {
    let ident = &cx.resource.ident;
    let vis = &cx.resource.vis;
    let actions = cx.actions.iter().map(|action| {
        let method = &action.ident;
        let name = action.name();
        let builder = action.builder_ident(cx);
        match action.kind {
            ActionKind::Create => {
                let doc =
                    docs(&format!("Starts the `{name}` action: set its input on the [`{builder}`], then `run` it."));
                quote! {
                    #doc
                    #vis fn #method() -> #builder {
                        #builder(::resource::__private::ActionInput::create(#name))
                    }
                }
            }
            ActionKind::Update | ActionKind::Destroy => {
                let doc = docs(&format!("Starts the `{name}` action on this record: see [`{builder}`]."));
                let constructor = Ident::new(action.kind.keyword(), Span::call_site());
                quote! {
                    #doc
                    #vis fn #method(&self) -> #builder {
                        #builder(::resource::__private::ActionInput::#constructor(#name, self))
                    }
                }
            }
            ActionKind::Read if action.decl.and_then(|d| d.get_by.as_ref()).is_some() => {
                get_by(cx, action).unwrap_or_default()
            }
            ActionKind::Read => {
                let paginated = action.decl.is_some_and(|d| d.pagination.is_some());
                let then = if paginated { "`run` it or read a `page` of it" } else { "`run` it" };
                let doc = docs(&format!("A query through the `{name}` action: add filters and sorts, then {then}."));
                quote! {
                    #doc
                    #vis fn #method() -> ::resource::__private::Query<#ident> {
                        ::resource::__private::Query::new(#name)
                    }
                }
            }
        }
    });
    let get = get_by_primary_key(cx);
    let get_by_identity = cx.resource.identities.iter().filter_map(|identity| {
        // Keys that are not attributes were reported by the validator.
        let keys: Vec<&Attribute> = identity.keys.iter().map(|key| cx.attribute(key)).collect::<Option<_>>()?;
        let name = unraw(&identity.ident);
        let method = format_ident!("get_by_{}", identity.ident, span = identity.ident.span());
        let doc = format!(
            "The record whose identity `{name}` ({}) has these values.\n\n# Errors\n\n`Error::NotFound` if there is none.",
            key_list(&keys)
        );
        Some(lookup(cx, &method, &doc, &keys, |domain, values| {
            quote!(::resource::__private::Domain::get_by_identity(#domain, #name, #values))
        }))
    });
    quote! {
        impl #ident {
            #(#actions)*
            #get
            #(#get_by_identity)*
        }
    }
}

/// `get(domain, id)`: one parameter per primary-key attribute, in order.
fn get_by_primary_key(cx: &Resolved) -> Option<TokenStream> {
    let keys: Vec<&Attribute> = cx.resource.attributes.iter().filter(|a| super::effective(a).primary_key).collect();
    if keys.is_empty() {
        return None;
    }
    let doc = format!(
        "The record with this primary key ({}).\n\n# Errors\n\n`Error::NotFound` if there is none.",
        key_list(&keys)
    );
    let method = Ident::new("get", Span::call_site());
    Some(lookup(
        cx,
        &method,
        &doc,
        &keys,
        |domain, values| quote!(::resource::__private::Domain::get(#domain, #values)),
    ))
}

/// `by_email(domain, email)` for a read action with `get_by: [email]`:
/// one parameter per attribute, one record back.
fn get_by(cx: &Resolved, action: &ActionView) -> Option<TokenStream> {
    let fields = &action.decl?.get_by.as_ref()?.value;
    // Names that are not attributes were reported by the validator.
    let keys: Vec<&Attribute> = fields.iter().map(|field| cx.attribute(field)).collect::<Option<_>>()?;
    let name = action.name();
    let resource = &cx.resource.ident;
    let doc = format!(
        "The one record the `{name}` action finds by {} (Ash's `get_by`).\n\n# Errors\n\n\
         `Error::NotFound` if there is none, `Error::MultipleResults` if there are several.",
        key_list(&keys)
    );
    Some(lookup(cx, &action.ident, &doc, &keys, |domain, values| {
        quote! {
            ::resource::__private::Query::<#resource>::new(#name).with_get_by(#values).one(#domain)
        }
    }))
}

fn key_list(keys: &[&Attribute]) -> String {
    keys.iter().map(|key| format!("`{}`", unraw(&key.ident))).collect::<Vec<_>>().join(", ")
}

/// A lookup by key values: `fn #method(domain, <one parameter per key>) -> Result<R>`,
/// whose body `call` builds from the domain parameter and the `Vec<Value>` of keys.
fn lookup(
    cx: &Resolved,
    method: &Ident,
    doc: &str,
    keys: &[&Attribute],
    call: impl FnOnce(&Ident, TokenStream) -> TokenStream,
) -> TokenStream {
    let resource = &cx.resource.ident;
    let vis = &cx.resource.vis;
    // The domain parameter is `domain`, unless a key is called that.
    let taken = keys.iter().any(|key| unraw(&key.ident) == "domain");
    let domain = Ident::new(if taken { "__domain" } else { "domain" }, Span::call_site());
    let params = keys.iter().map(|key| {
        let ident = &key.ident;
        let ty = value_type(&key.ty);
        quote!(#ident: impl ::core::convert::Into<#ty>)
    });
    let values = keys.iter().map(|key| {
        let ident = &key.ident;
        let ty = value_type(&key.ty);
        quote!(::resource::__private::AttributeValue::into_value(::core::convert::Into::<#ty>::into(#ident)))
    });
    let call = call(&domain, vec_of(values));
    let doc = docs(doc);
    quote! {
        #doc
        #vis fn #method(#domain: &::resource::__private::Domain, #(#params),*) -> ::resource::__private::Result<#resource> {
            #call
        }
    }
}

/// One builder per create, update and destroy action.
pub(crate) fn builders(cx: &Resolved) -> TokenStream {
    cx.actions.iter().filter(|action| action.kind != ActionKind::Read).map(|action| builder(cx, action)).collect()
}

fn builder(cx: &Resolved, action: &ActionView) -> TokenStream {
    let resource = &cx.resource.ident;
    let vis = &cx.resource.vis;
    let builder = action.builder_ident(cx);
    let name = action.name();
    let accepted = action.accept.iter().map(|a| format!("`{}`", unraw(&a.ident))).collect::<Vec<_>>();
    let arguments = action.arguments().iter().map(|a| format!("`{}`", unraw(&a.ident))).collect::<Vec<_>>();
    let mut doc = format!("Builder of the `{name}` action of [`{resource}`]");
    if accepted.is_empty() {
        doc.push_str(", which accepts no attributes");
    } else {
        doc.push_str(&format!(": accepts {}", accepted.join(", ")));
    }
    if !arguments.is_empty() {
        doc.push_str(&format!("; arguments {}", arguments.join(", ")));
    }
    doc.push('.');
    let doc = docs(&doc);

    let attribute_setters = action.accept.iter().map(|attribute| {
        let mut what = format!("Sets `{}`.", unraw(&attribute.ident));
        if let Some(description) = &attribute.description {
            what.push_str(&format!("\n\n{}", description.value()));
        }
        setters(vis, &attribute.ident, &attribute.ty, &what)
    });
    let argument_setters = action.arguments().iter().map(|argument| {
        let what = format!("Sets the argument `{}`.", unraw(&argument.ident));
        setters(vis, &argument.ident, &argument.ty, &what)
    });

    // A polymorphic resource is written to the table the caller names.
    let polymorphic = cx.resource.sqlite.as_ref().and_then(|sqlite| sqlite.polymorphic).is_some_and(|flag| flag.value);
    let table = polymorphic.then(|| {
        quote! {
            /// Writes to `table`, one of the polymorphic resource's tables
            /// (AshSqlite's `%{data_layer: %{table: ..}}` context).
            #vis fn table(mut self, table: impl ::core::convert::Into<::std::string::String>) -> Self {
                self.0.set_table(::core::convert::Into::into(table));
                self
            }
        }
    });

    let upsert = upsert_overrides(cx, action);

    let run = if action.kind == ActionKind::Destroy {
        quote! {
            /// Runs the action: the record is destroyed.
            ///
            /// # Errors
            ///
            /// `Error::Invalid` with every field error when a validation fails.
            #vis fn run(self, domain: &::resource::__private::Domain) -> ::resource::__private::Result<()> {
                self.0.run_destroy(domain)
            }
        }
    } else {
        quote! {
            /// Runs the action and returns the stored record.
            ///
            /// # Errors
            ///
            /// `Error::Invalid` with every field error when the input is invalid.
            #vis fn run(self, domain: &::resource::__private::Domain) -> ::resource::__private::Result<#resource> {
                self.0.run(domain)
            }
        }
    };

    // The struct is spanned at the action's name: "method `secret` not found
    // for this struct" then points at the action, not at the whole macro.
    let span = action.ident.span();
    let struct_vis = respan(vis, span);
    let declaration = quote_spanned! {span=>
        #[must_use = "a builder does nothing until it is `run`"]
        #[derive(::core::clone::Clone)]
        #struct_vis struct #builder(::resource::__private::ActionInput<#resource>);
    };
    // `Debug` without the values: the input may hold sensitive attributes.
    let debug_name = builder.to_string();
    quote! {
        #doc
        #declaration

        #[automatically_derived]
        impl ::core::fmt::Debug for #builder {
            fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                __formatter.debug_struct(#debug_name).finish_non_exhaustive()
            }
        }

        impl #builder {
            #(#attribute_setters)*
            #(#argument_setters)*
            #table
            #upsert

            /// Builds the changeset without running it: casts the input, applies
            /// defaults and changes, runs validations. Errors stay on the changeset.
            #vis fn changeset(self, domain: &::resource::__private::Domain) -> ::resource::__private::Changeset<#resource> {
                self.0.changeset(domain)
            }

            #run
        }
    }
}

/// On the builder of an upsert action, this call's changes to its upsert
/// options (Ash's per-call `upsert_identity`, `upsert_fields` and
/// `touch_update_defaults?`): one method per identity, so that a misspelt
/// identity is a compile error, and the fields as handles of the resource.
fn upsert_overrides(cx: &Resolved, action: &ActionView) -> Option<TokenStream> {
    let decl = action.decl?;
    if action.kind != ActionKind::Create || !decl.upsert.is_some_and(|flag| flag.value) {
        return None;
    }
    let vis = &cx.resource.vis;
    let resource = &cx.resource.ident;
    let module = super::fields::module_ident(&cx.short_name, resource.span());
    let own = decl.upsert_identity.as_ref().map_or("the primary key".to_string(), |i| format!("`{}`", unraw(i)));
    let identities = cx.resource.identities.iter().map(|identity| {
        let name = unraw(&identity.ident);
        let method = format_ident!("upsert_on_{}", identity.ident);
        let doc =
            docs(&format!("Resolves this call's conflict on the identity `{name}` instead of the action's {own}."));
        quote! {
            #doc
            #vis fn #method(mut self) -> Self {
                self.0.set_upsert_identity(#name);
                self
            }
        }
    });
    let mut example: Vec<String> =
        action.accept.iter().take(2).map(|a| format!("{module}::{}", unraw(&a.ident))).collect();
    if example.len() < 2 {
        example = vec![format!("{module}::<attribute>"), "..".to_string()];
    }
    let example = example.join(", ");
    let fields_doc = docs(&format!(
        "Overwrites exactly these attributes of the existing record on conflict in this call, \
         instead of the action's `upsert_fields`: handles of [`{resource}`] as one handle, a tuple \
         (`({example})`) or `()` for none (the update timestamps are then kept too)."
    ));
    // Spanned at the action: "required by a bound in `upsert_fields`" points there.
    let span = action.ident.span();
    let fields_vis = respan(vis, span);
    let upsert_fields = quote_spanned! {span=>
        #fields_vis fn upsert_fields(mut self, fields: impl ::resource::__private::FieldList<#resource>) -> Self {
            self.0.set_upsert_fields(::resource::__private::FieldList::field_names(fields));
            self
        }
    };
    Some(quote! {
        #(#identities)*

        #fields_doc
        #upsert_fields

        /// Whether this call's upsert sets the update defaults (`updated_at`)
        /// on conflict (Ash's `touch_update_defaults?`; the action's otherwise).
        #vis fn touch_update_defaults(mut self, touch: bool) -> Self {
            self.0.set_touch_update_defaults(touch);
            self
        }
    })
}

/// `fn name(value: impl Into<T>)`, plus `fn name_opt(value: Option<T>)` for an `Option<T>` field.
/// Spanned at the attribute's (or argument's) name, so that rustc's "required
/// by a bound in `ProductCreate::price`" points there, not at the whole macro.
fn setters(vis: &syn::Visibility, ident: &Ident, ty: &Type, what: &str) -> TokenStream {
    let name = unraw(ident);
    let doc = docs(what);
    let span = ident.span();
    let vis = respan(vis, span);
    match option_inner(ty) {
        None => quote_spanned! {span=>
            #doc
            #vis fn #ident(mut self, value: impl ::core::convert::Into<#ty>) -> Self {
                let __value: #ty = ::core::convert::Into::into(value);
                self.0.set(#name, ::resource::__private::AttributeValue::into_value(__value));
                self
            }
        },
        Some(inner) => {
            let opt = format_ident!("{}_opt", ident, span = ident.span());
            let opt_doc = docs(&format!("{what}\n\n`None` sets it to nil."));
            quote_spanned! {span=>
                #doc
                #vis fn #ident(self, value: impl ::core::convert::Into<#inner>) -> Self {
                    self.#opt(::core::option::Option::Some(::core::convert::Into::into(value)))
                }

                #opt_doc
                #vis fn #opt(mut self, value: ::core::option::Option<#inner>) -> Self {
                    self.0.set(#name, ::resource::__private::AttributeValue::into_value(value));
                    self
                }
            }
        }
    }
}

/// `tokens` with every span set to `span`.
pub(crate) fn respan(tokens: &impl ToTokens, span: Span) -> TokenStream {
    tokens
        .to_token_stream()
        .into_iter()
        .map(|mut tree| {
            if let TokenTree::Group(group) = &tree {
                let mut respanned = Group::new(group.delimiter(), respan(&group.stream(), span));
                respanned.set_span(span);
                tree = TokenTree::Group(respanned);
            } else {
                tree.set_span(span);
            }
            tree
        })
        .collect()
}
