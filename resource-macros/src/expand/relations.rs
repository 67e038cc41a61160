//! Calculations, relationships and aggregates: their entries in the
//! `ResourceInfo` table, the types of their `Loaded<T>` fields on the record,
//! and the type-level tables that let one resource's generated code name
//! the types of another's fields (`FieldType`, `RelatedTo`), plus the checks
//! that make rustc verify the names given for other resources' attributes.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::{Ident, LitStr, Type};

use super::{Resolved, doc_text, filter, snake_case, some, str_slice, typed_value, unraw, untyped_value, value_type};
use crate::model::{Aggregate, AggregateKind, Calculation, Relationship, RelationshipKind};

/// A loadable field of the record, in the struct's order: calculations,
/// aggregates, relationships.
pub(crate) enum Loadable<'a> {
    Calculation(&'a Calculation),
    Aggregate(&'a Aggregate),
    Relationship(&'a Relationship),
}

impl Loadable<'_> {
    pub fn ident(&self) -> &Ident {
        match self {
            Loadable::Calculation(c) => &c.ident,
            Loadable::Aggregate(a) => &a.ident,
            Loadable::Relationship(r) => &r.ident,
        }
    }

    pub fn attrs(&self) -> &[syn::Attribute] {
        match self {
            Loadable::Calculation(c) => &c.attrs,
            Loadable::Aggregate(a) => &a.attrs,
            Loadable::Relationship(r) => &r.attrs,
        }
    }

    pub fn what(&self) -> &'static str {
        match self {
            Loadable::Calculation(_) => "calculation",
            Loadable::Aggregate(_) => "aggregate",
            Loadable::Relationship(_) => "relationship",
        }
    }
}

pub(crate) fn loadables<'a>(cx: &Resolved<'a>) -> Vec<Loadable<'a>> {
    let resource = cx.resource;
    let calculations = resource.calculations.iter().map(Loadable::Calculation);
    let aggregates = resource.aggregates.iter().map(Loadable::Aggregate);
    let relationships = resource.relationships.iter().map(Loadable::Relationship);
    calculations.chain(aggregates).chain(relationships).collect()
}

/// `field_key("name")` as a const generic argument.
fn key(name: &str) -> TokenStream {
    quote!({ ::resource::__private::field_key(#name) })
}

/// A relationship with Ash's defaults applied: its attributes by name,
/// each with the span errors about it point at.
pub(crate) struct RelationshipView {
    pub source_attribute: Ident,
    pub destination_attribute: Ident,
    /// `many_to_many`: the join resource and its two attributes.
    pub join: Option<(Type, Ident, Ident)>,
}

pub(crate) fn relationship_view(cx: &Resolved, rel: &Relationship) -> RelationshipView {
    let span = rel.ident.span();
    let named = |name: String| Ident::new(&name, span);
    let source_id = || named(format!("{}_id", cx.short_name));
    let (source_attribute, destination_attribute) = match rel.kind {
        RelationshipKind::BelongsTo => (
            rel.source_attribute.clone().unwrap_or_else(|| format_ident!("{}_id", unraw(&rel.ident), span = span)),
            rel.destination_attribute.clone().unwrap_or_else(|| named("id".into())),
        ),
        RelationshipKind::HasOne | RelationshipKind::HasMany => (
            rel.source_attribute.clone().unwrap_or_else(|| named("id".into())),
            rel.destination_attribute.clone().unwrap_or_else(source_id),
        ),
        RelationshipKind::ManyToMany => (
            rel.source_attribute.clone().unwrap_or_else(|| named("id".into())),
            rel.destination_attribute.clone().unwrap_or_else(|| named("id".into())),
        ),
    };
    let join = rel.through.as_ref().map(|through| {
        let destination_id = named(format!("{}_id", snake_case(&type_name(&rel.destination))));
        (
            through.clone(),
            rel.source_attribute_on_join_resource.clone().unwrap_or_else(source_id),
            rel.destination_attribute_on_join_resource.clone().unwrap_or(destination_id),
        )
    });
    RelationshipView { source_attribute, destination_attribute, join }
}

/// The last segment of a type's path (`crate::support::Ticket` -> `Ticket`).
fn type_name(ty: &Type) -> String {
    match ty {
        Type::Path(path) => path.path.segments.last().map(|s| unraw(&s.ident)).unwrap_or_default(),
        Type::Group(group) => type_name(&group.elem),
        Type::Paren(paren) => type_name(&paren.elem),
        _ => String::new(),
    }
}

/// The resource at the end of an aggregate's path: the first relationship's
/// destination as written, then `RelatedTo` projections.
fn path_destination(cx: &Resolved, path: &[Ident]) -> TokenStream {
    let Some((first, rest)) = path.split_first() else { return quote!(()) };
    let Some(rel) = cx.resource.relationships.iter().find(|r| r.ident == *first) else {
        return quote_spanned!(first.span()=> ());
    };
    let mut dest = super::resource_type(&rel.destination);
    for step in rest {
        let key = key(&unraw(step));
        dest = quote_spanned!(step.span()=> <#dest as ::resource::__private::RelatedTo<#key>>::Destination);
    }
    dest
}

/// The type of the aggregated field (`T`, without `Option`).
fn aggregate_field_type(cx: &Resolved, aggregate: &Aggregate) -> TokenStream {
    let dest = path_destination(cx, &aggregate.path);
    match &aggregate.field {
        Some(field) => {
            let key = key(&unraw(field));
            quote_spanned!(field.span()=> <#dest as ::resource::__private::FieldType<#key>>::Type)
        }
        None => quote!(()),
    }
}

/// The aggregate's value type when it is there (`i64`, `bool`, `T`, `Vec<T>`).
fn aggregate_value_type(cx: &Resolved, aggregate: &Aggregate) -> TokenStream {
    let field = aggregate_field_type(cx, aggregate);
    match aggregate.kind {
        AggregateKind::Count => quote!(i64),
        AggregateKind::Exists => quote!(bool),
        AggregateKind::Avg => quote!(<#field as ::resource::__private::Average>::Output),
        AggregateKind::List => quote!(::std::vec::Vec<#field>),
        AggregateKind::Sum | AggregateKind::Min | AggregateKind::Max | AggregateKind::First => field,
    }
}

/// Whether an aggregate of this kind can be nil: when there is nothing to
/// aggregate and no `default` (Ash: sum, min, max, avg and first are nil).
fn aggregate_nullable(aggregate: &Aggregate) -> bool {
    let maybe_nil = matches!(
        aggregate.kind,
        AggregateKind::Sum | AggregateKind::Min | AggregateKind::Max | AggregateKind::Avg | AggregateKind::First
    );
    maybe_nil && aggregate.default.is_none()
}

/// `T` of the record's `Loaded<T>` field.
pub(crate) fn loaded_type(cx: &Resolved, loadable: &Loadable) -> TokenStream {
    match loadable {
        Loadable::Calculation(calculation) => {
            let ty = &calculation.ty;
            quote!(#ty)
        }
        Loadable::Aggregate(aggregate) => {
            let value = aggregate_value_type(cx, aggregate);
            if aggregate_nullable(aggregate) { quote!(::core::option::Option<#value>) } else { value }
        }
        // Named plainly: `Related` asks nothing of the destination (typed/related.rs).
        Loadable::Relationship(rel) => {
            let destination = &rel.destination;
            if rel.kind.is_to_many() {
                quote!(::resource::__private::Related<::std::vec::Vec<#destination>>)
            } else {
                quote!(::resource::__private::Related<::core::option::Option<#destination>>)
            }
        }
    }
}

/// The field handle's type: `Field<R, T, role::Computed>` (calculations,
/// aggregates; a list aggregate's handle is JSON), which `load` takes, or
/// `Relation<R, D>`.
pub(crate) fn handle_type(cx: &Resolved, loadable: &Loadable) -> TokenStream {
    let resource = &cx.resource.ident;
    match loadable {
        Loadable::Calculation(calculation) => {
            let ty = value_type(&calculation.ty);
            quote!(::resource::__private::Field<#resource, #ty, ::resource::__private::role::Computed>)
        }
        Loadable::Aggregate(aggregate) if aggregate.kind == AggregateKind::List => quote! {
            ::resource::__private::Field<
                #resource,
                ::resource::__private::serde_json::Value,
                ::resource::__private::role::Computed,
            >
        },
        Loadable::Aggregate(aggregate) => {
            let ty = aggregate_value_type(cx, aggregate);
            quote!(::resource::__private::Field<#resource, #ty, ::resource::__private::role::Computed>)
        }
        Loadable::Relationship(rel) => {
            let destination = &rel.destination;
            quote!(::resource::__private::Relation<#resource, #destination>)
        }
    }
}

/// `Field::new("name")` or `Relation::new("name")`.
pub(crate) fn handle_value(loadable: &Loadable) -> TokenStream {
    let name = unraw(loadable.ident());
    match loadable {
        Loadable::Relationship(_) => quote!(::resource::__private::Relation::new(#name)),
        _ => quote!(::resource::__private::Field::new(#name)),
    }
}

fn description(attrs: &[syn::Attribute], description: Option<&LitStr>) -> TokenStream {
    some(description.map(LitStr::value).or_else(|| doc_text(attrs)))
}

fn flag(flag: Option<crate::model::Flag>, default: bool) -> bool {
    flag.map_or(default, |f| f.value)
}

pub(crate) fn calculation_info(cx: &Resolved, calculation: &Calculation) -> TokenStream {
    let name = unraw(&calculation.ident);
    let ty = &calculation.ty;
    let allow_nil = super::option_inner(ty).is_some();
    let expr = filter::expr(&calculation.expr, &cx.resource.ident);
    let check = filter::calculation_check(&calculation.expr, ty, &name, &cx.resource.ident);
    let expr = if check.is_empty() { expr } else { quote!({ #check #expr }) };
    let public = flag(calculation.public, false);
    let description = description(&calculation.attrs, calculation.description.as_ref());
    quote! {
        ::resource::__private::CalculationInfo {
            name: #name,
            ty: <#ty as ::resource::__private::AttributeValue>::TYPE,
            allow_nil: #allow_nil,
            expr: || #expr,
            public: #public,
            description: #description,
        }
    }
}

pub(crate) fn relationship_info(cx: &Resolved, rel: &Relationship) -> TokenStream {
    let view = relationship_view(cx, rel);
    let name = unraw(&rel.ident);
    let kind = Ident::new(
        match rel.kind {
            RelationshipKind::BelongsTo => "BelongsTo",
            RelationshipKind::HasOne => "HasOne",
            RelationshipKind::HasMany => "HasMany",
            RelationshipKind::ManyToMany => "ManyToMany",
        },
        Span::call_site(),
    );
    let resource = &cx.resource.ident;
    let table = destination_fn(rel);
    let (source_attribute, destination_attribute) = (unraw(&view.source_attribute), unraw(&view.destination_attribute));
    let through = some(view.join.as_ref().map(|(_, source, destination)| {
        let (source, destination) = (unraw(source), unraw(destination));
        let join_table = through_fn(rel);
        quote! {
            ::resource::__private::JoinInfo {
                resource: || (#resource::#join_table().info)(),
                source_attribute: #source,
                destination_attribute: #destination,
            }
        }
    }));
    let context_table = some(rel.context_table.as_ref());
    let allow_nil = flag(rel.allow_nil, true);
    let public = flag(rel.public, false);
    let description = description(&rel.attrs, rel.description.as_ref());
    quote! {
        ::resource::__private::RelationshipInfo {
            name: #name,
            kind: ::resource::__private::RelationshipKind::#kind,
            destination: || (#resource::#table().info)(),
            source_attribute: #source_attribute,
            destination_attribute: #destination_attribute,
            through: #through,
            context_table: #context_table,
            allow_nil: #allow_nil,
            public: #public,
            description: #description,
        }
    }
}

pub(crate) fn aggregate_info(cx: &Resolved, aggregate: &Aggregate) -> TokenStream {
    let name = unraw(&aggregate.ident);
    let kind = Ident::new(&super::camel_case(aggregate.kind.keyword()), Span::call_site());
    let path = str_slice(&aggregate.path);
    let field = some(aggregate.field.as_ref().map(unraw));
    let dest = path_destination(cx, &aggregate.path);
    let filter = some(aggregate.filter.as_ref().map(|expr| {
        let fields = quote!(<#dest as ::resource::__private::ResourceFields>::fields());
        let expr = filter::typed_expr(expr, fields, &cx.resource.ident);
        quote!(|| #expr)
    }));
    let sort = aggregate.sort.iter().map(|key| {
        let field = unraw(&key.field);
        let order = match key.order.as_ref().map(|o| o.to_string()).as_deref() {
            Some("desc") => quote!(Desc),
            Some("asc_nils_first") => quote!(AscNilsFirst),
            Some("desc_nils_last") => quote!(DescNilsLast),
            _ => quote!(Asc),
        };
        quote!((#field, ::resource::__private::SortOrder::#order))
    });
    let default = some(aggregate.default.as_ref().map(|expr| {
        let value = match aggregate.kind {
            AggregateKind::List => untyped_value(expr),
            _ => {
                let ty: Type = syn::parse2(aggregate_value_type(cx, aggregate)).expect("a type");
                typed_value(&ty, expr)
            }
        };
        quote!(|| #value)
    }));
    let uniq = flag(aggregate.uniq, false);
    let include_nil = flag(aggregate.include_nil, false);
    let public = flag(aggregate.public, false);
    let description = description(&aggregate.attrs, aggregate.description.as_ref());
    quote! {
        ::resource::__private::AggregateInfo {
            name: #name,
            kind: ::resource::__private::AggregateKind::#kind,
            path: #path,
            field: #field,
            filter: #filter,
            sort: &[#(#sort),*],
            default: #default,
            uniq: #uniq,
            include_nil: #include_nil,
            public: #public,
            description: #description,
        }
    }
}

/// `__destination_author`: the generated function that builds the table of a
/// relationship's destination (typed/related.rs).
pub(crate) fn destination_fn(rel: &Relationship) -> Ident {
    format_ident!("__destination_{}", unraw(&rel.ident))
}

/// `__through_tags`: the same for a `many_to_many`'s join resource.
fn through_fn(rel: &Relationship) -> Ident {
    format_ident!("__through_{}", unraw(&rel.ident))
}

/// `__deserialize_author`: the relationship field's `deserialize_with`.
pub(crate) fn deserialize_fn(rel: &Relationship) -> Ident {
    format_ident!("__deserialize_{}", unraw(&rel.ident))
}

/// Per relationship, the one function that needs the destination (and a
/// join resource) to be a resource: `destination::<Author>(checks)`, spanned
/// at the user's type, so that a destination that is no resource is one
/// error there. The checks name the destination's fields the relationship
/// joins on, so that a misspelt one is an error at its name. Everything
/// else reaches the destination through the table.
pub(crate) fn destination_tables(cx: &Resolved) -> Option<TokenStream> {
    let resource = &cx.resource.ident;
    let functions: Vec<TokenStream> = cx
        .resource
        .relationships
        .iter()
        .map(|rel| {
            let view = relationship_view(cx, rel);
            let destination = &rel.destination;
            let table = destination_fn(rel);
            let key = &view.destination_attribute;
            let key_check = belongs_to_key_check(cx, rel);
            let at = syn::spanned::Spanned::span(destination);
            let call = quote_spanned! {at=>
                ::resource::__private::destination::<#destination>(|__fields| {
                    let _ = &__fields.#key;
                    #key_check
                })
            };
            let join = view.join.as_ref().map(|(through, source, dest)| {
                let through_table = through_fn(rel);
                let at = syn::spanned::Spanned::span(through);
                let call = quote_spanned! {at=>
                    ::resource::__private::destination::<#through>(|__fields| {
                        let _ = &__fields.#source;
                        let _ = &__fields.#dest;
                    })
                };
                quote! {
                    fn #through_table() -> ::resource::__private::Destination<#through> {
                        #call
                    }
                }
            });
            let deserialize = deserialize_fn(rel);
            let (value, from_json) = if rel.kind.is_to_many() {
                (quote!(::std::vec::Vec<#destination>), quote!(many_from_json))
            } else {
                (quote!(::core::option::Option<#destination>), quote!(one_from_json))
            };
            quote! {
                fn #table() -> ::resource::__private::Destination<#destination> {
                    #call
                }

                #join

                fn #deserialize<'de, __D: ::resource::__private::serde::Deserializer<'de>>(
                    __deserializer: __D,
                ) -> ::core::result::Result<
                    ::resource::__private::Loaded<::resource::__private::Related<#value>>,
                    __D::Error,
                > {
                    ::resource::__private::deserialize_related(__deserializer, #resource::#table().#from_json)
                }
            }
        })
        .collect();
    (!functions.is_empty()).then(|| {
        quote! {
            #[automatically_derived]
            #[doc(hidden)]
            impl #resource {
                #(#functions)*
            }
        }
    })
}

/// A `belongs_to` key attribute (declared, or defined with `attribute_type`
/// or Ash's default, a uuid) must have the type of the destination's key,
/// or no record would ever be related. A trait of the check's own carries
/// the message, checked against the key's field handle; its use is spanned
/// at the key's type (or the relationship's name), so rustc's one error is
/// there.
fn belongs_to_key_check(cx: &Resolved, rel: &Relationship) -> Option<TokenStream> {
    if rel.kind != RelationshipKind::BelongsTo {
        return None;
    }
    let view = relationship_view(cx, rel);
    let attribute = cx.resource.attributes.iter().find(|a| a.ident == view.source_attribute)?;
    let declared = value_type(&attribute.ty);
    let (attribute_name, rel_name, key_name) =
        (unraw(&attribute.ident), unraw(&rel.ident), unraw(&view.destination_attribute));
    let holds = format!("it holds the key of `{rel_name}`, whose `{key_name}` is `{{Key}}`");
    let attr_form = cx.resource.form == crate::model::Form::Attribute;
    let (span, message, label) = if rel.declared_key {
        let span = syn::spanned::Spanned::span(&attribute.ty);
        (
            span,
            format!("`{attribute_name}` is `{{Self}}`, but {holds}"),
            "declare it as `{Key}`, or `Option<{Key}>`".to_string(),
        )
    } else if let Some(ty) = &rel.attribute_type {
        let write = if attr_form { "attribute_type = {Key}" } else { "attribute_type: {Key}" };
        let span = syn::spanned::Spanned::span(ty);
        (span, format!("`{attribute_name}` is `{{Self}}`, but {holds}"), format!("write `{write}`"))
    } else {
        let add = if attr_form {
            format!("add `attribute_type = {{Key}}` to `#[belongs_to({rel_name}: ..)]`")
        } else {
            format!("add `{{{{ attribute_type: {{Key}} }}}}` to `belongs_to {rel_name}`")
        };
        let message = format!(
            "`{attribute_name}` is a uuid (a `belongs_to` key's type unless `attribute_type` says otherwise), but {holds}"
        );
        (rel.ident.span(), message, add)
    };
    let key = &view.destination_attribute;
    Some(quote_spanned! {span=>
        #[diagnostic::on_unimplemented(message = #message, label = #label)]
        trait BelongsToKey<Key> {}
        impl<Key> BelongsToKey<Key> for Key {}
        // A method of the handle, so that `Key` is the handle's before the bound is tried.
        trait CheckKey<Key> {
            fn holds<Declared: BelongsToKey<Key>>(&self) {}
        }
        impl<R, Key, Role> CheckKey<Key> for ::resource::__private::Field<R, Key, Role> {}
        __fields.#key.holds::<#declared>();
    })
}

/// `impl FieldType<{ field_key("name") }> for R { type Type = T; }` per
/// attribute, calculation and aggregate (but `list`), `impl RelatedTo<..>
/// for R` per relationship,
/// and a function that is never called, whose body makes rustc check the
/// names this resource gives for other resources' attributes
/// (`destination_attribute`, join keys, aggregated fields, sort keys) at the
/// user's tokens.
pub(crate) fn type_tables(cx: &Resolved) -> TokenStream {
    let resource = &cx.resource.ident;
    let fields = cx
        .resource
        .attributes
        .iter()
        .map(|a| (&a.ident, &a.ty))
        .chain(cx.resource.calculations.iter().map(|c| (&c.ident, &c.ty)));
    let field_types = fields.map(|(ident, ty)| {
        let key = key(&unraw(ident));
        let ty = value_type(ty);
        quote! {
            #[automatically_derived]
            impl ::resource::__private::FieldType<#key> for #resource {
                type Type = #ty;
            }
        }
    });
    // Aggregates too (but `list`), so that other resources can aggregate them.
    let aggregate_types = cx.resource.aggregates.iter().filter(|a| a.kind != AggregateKind::List).map(|aggregate| {
        let key = key(&unraw(&aggregate.ident));
        let ty = aggregate_value_type(cx, aggregate);
        quote! {
            #[automatically_derived]
            impl ::resource::__private::FieldType<#key> for #resource {
                type Type = #ty;
            }
        }
    });
    let related = cx.resource.relationships.iter().map(|rel| {
        let key = key(&unraw(&rel.ident));
        let destination = &rel.destination;
        quote! {
            #[automatically_derived]
            impl ::resource::__private::RelatedTo<#key> for #resource {
                type Destination = #destination;
            }
        }
    });
    let fields_of = |ty: &TokenStream, field: &Ident| quote_spanned!(field.span()=> let _ = <#ty as ::resource::__private::ResourceFields>::fields().#field;);
    // The relationships' own keys are checked in `destination_tables`.
    let mut checks = Vec::new();
    for aggregate in &cx.resource.aggregates {
        // The sort keys name fields of the related records too.
        for key in aggregate.sort.iter().filter(|key| aggregate.field.as_ref() != Some(&key.field)) {
            checks.push(fields_of(&path_destination(cx, &aggregate.path), &key.field));
        }
        if let Some(field) = &aggregate.field {
            checks.push(fields_of(&path_destination(cx, &aggregate.path), field));
        } else {
            // No field to check the path through: check each later step, so
            // that a misspelt one is an error at it.
            for end in 1..aggregate.path.len() {
                let step = &aggregate.path[end];
                // Spanned at the step, so that rustc's error points there and not at the resource.
                let before = super::builders::respan(&path_destination(cx, &aggregate.path[..end]), step.span());
                let key = key(&unraw(step));
                checks.push(quote_spanned!(step.span()=> ::resource::__private::has_relationship::<#before, #key>();));
            }
        }
    }
    let checks = (!checks.is_empty()).then(|| {
        quote! {
            const _: () = {
                #[allow(dead_code)]
                fn __check_other_resources() {
                    #(#checks)*
                }
            };
        }
    });
    quote! {
        #(#field_types)*
        #(#aggregate_types)*
        #(#related)*
        #checks
    }
}
