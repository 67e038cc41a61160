//! The static `ResourceInfo` table: everything the runtime needs to know about
//! the resource, as one plain `static` that reads like the declaration.

use proc_macro2::{Literal, Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, LitStr, Type};

use super::{
    ActionView, Resolved, action_kind, doc_text, effective, filter, some, str_slice, typed_value, unraw, untyped_value,
    value_type, vec_of,
};
use crate::model::{
    Argument, Attribute, AttributeKind, Change, ChangeValue, CompareOp, Constraints, Counts, DataLayerKind, Identity,
    NumberLit, Operand, UpsertFields, Validation, ValidationRule,
};

/// `static __INFO: ResourceInfo = ResourceInfo { .. };`
pub(crate) fn resource_info(cx: &Resolved) -> TokenStream {
    let resource = cx.resource;
    let name = &cx.name;
    let short_name = &cx.short_name;
    let description = some(doc_text(&resource.attrs));
    let data_layer = match resource.data_layer.kind {
        DataLayerKind::Ets => quote!(Ets),
        DataLayerKind::Sqlite => quote!(Sqlite),
        DataLayerKind::Postgres => quote!(Postgres),
        DataLayerKind::Embedded => quote!(Embedded),
    };
    let attributes = resource.attributes.iter().map(attribute_info);
    let identities = resource.identities.iter().map(identity_info);
    let actions = cx.actions.iter().map(|action| action_info(cx, action));
    let validations = resource.validations.iter().map(|validation| validation_info(cx, None, validation));
    // A resource-wide change is written once, as a `const` every action it applies to lists.
    let resource_changes = resource.changes.iter().enumerate().map(|(i, change)| {
        let name = resource_change_name(i);
        let info = change_info(cx, None, &change.change);
        quote!(const #name: ::resource::__private::ChangeInfo = #info;)
    });
    let calculations = resource.calculations.iter().map(|c| super::relations::calculation_info(cx, c));
    let relationships = resource.relationships.iter().map(|r| super::relations::relationship_info(cx, r));
    let aggregates = resource.aggregates.iter().map(|a| super::relations::aggregate_info(cx, a));
    let sql = super::sqlite::sql_info(resource.sqlite.as_ref());
    quote! {
        #(#resource_changes)*
        static __INFO: ::resource::__private::ResourceInfo = ::resource::__private::ResourceInfo {
            name: #name,
            short_name: #short_name,
            description: #description,
            data_layer: ::resource::__private::DataLayerKind::#data_layer,
            attributes: &[#(#attributes),*],
            identities: &[#(#identities),*],
            actions: &[#(#actions),*],
            validations: &[#(#validations),*],
            calculations: &[#(#calculations),*],
            relationships: &[#(#relationships),*],
            aggregates: &[#(#aggregates),*],
            sql: #sql,
        };
    }
}

fn attribute_info(attribute: &Attribute) -> TokenStream {
    let name = unraw(&attribute.ident);
    let ty = &attribute.ty;
    let effective = effective(attribute);
    let (allow_nil, primary_key, public, writable, sensitive, generated) = (
        effective.allow_nil,
        effective.primary_key,
        effective.public,
        effective.writable,
        effective.sensitive,
        effective.generated,
    );
    let description = some(attribute.description.as_ref().map(LitStr::value).or_else(|| doc_text(&attribute.attrs)));
    let span = attribute.ident.span();
    let default = match (&attribute.default, attribute.kind) {
        (Some(expr), _) => Some(default_fn(typed_value(ty, expr))),
        (None, AttributeKind::UuidPrimaryKey) => {
            Some(default_fn(kind_default(ty, span, quote!(::resource::__private::uuid::Uuid::new_v4()))))
        }
        (None, AttributeKind::CreateTimestamp | AttributeKind::UpdateTimestamp) => {
            Some(default_fn(kind_default(ty, span, quote!(::resource::__private::chrono::Utc::now()))))
        }
        (None, AttributeKind::Plain | AttributeKind::IntegerPrimaryKey) => None,
    };
    let update_default = match (&attribute.update_default, attribute.kind) {
        (Some(expr), _) => Some(default_fn(typed_value(ty, expr))),
        (None, AttributeKind::UpdateTimestamp) => {
            Some(default_fn(kind_default(ty, span, quote!(::resource::__private::chrono::Utc::now()))))
        }
        (None, _) => None,
    };
    // Ash's `match_other_defaults?`: timestamps of one write share one `now`.
    let match_other_defaults =
        matches!(attribute.kind, AttributeKind::CreateTimestamp | AttributeKind::UpdateTimestamp)
            && attribute.default.is_none();
    let default = some(default);
    let update_default = some(update_default);
    let constraints = constraints(&attribute.constraints, ty);
    quote! {
        ::resource::__private::AttributeInfo {
            name: #name,
            ty: <#ty as ::resource::__private::AttributeValue>::TYPE,
            allow_nil: #allow_nil,
            primary_key: #primary_key,
            public: #public,
            writable: #writable,
            sensitive: #sensitive,
            generated: #generated,
            description: #description,
            default: #default,
            update_default: #update_default,
            match_other_defaults: #match_other_defaults,
            constraints: #constraints,
        }
    }
}

/// `|| { let __value: T = Into::into(..); into_value(__value) }`: a
/// non-capturing closure, which coerces to the table's `fn() -> Value`.
fn default_fn(body: TokenStream) -> TokenStream {
    quote!(|| #body)
}

/// A kind's default (`Uuid::new_v4()`, `Utc::now()`), converted to the
/// attribute's type so that a mismatched type is a rustc error at the name.
fn kind_default(ty: &Type, span: Span, value: TokenStream) -> TokenStream {
    let value_ty = value_type(ty);
    quote_spanned! {span=> {
        let __value: #value_ty = ::core::convert::Into::into(#value);
        ::resource::__private::AttributeValue::into_value(__value)
    }}
}

/// `Constraints { max_length: Some(100), ..Constraints::DEFAULT }`, or just
/// `Constraints::DEFAULT` when none were written.
fn constraints(constraints: &Constraints, ty: &Type) -> TokenStream {
    let decimal = is_decimal(ty);
    let mut set = Vec::new();
    let mut usize_field = |name: &str, value: Option<crate::model::Spanned<usize>>| {
        if let Some(value) = value {
            let name = Ident::new(name, Span::call_site());
            let value = Literal::usize_unsuffixed(value.value);
            set.push(quote!(#name: ::core::option::Option::Some(#value)));
        }
    };
    usize_field("min_length", constraints.min_length);
    usize_field("max_length", constraints.max_length);
    if let Some(pattern) = &constraints.pattern {
        let pattern = pattern_ref(pattern);
        set.push(quote!(pattern: ::core::option::Option::Some(#pattern)));
    }
    if let Some(trim) = constraints.trim {
        let trim = trim.value;
        set.push(quote!(trim: #trim));
    }
    if let Some(allow_empty) = constraints.allow_empty {
        let allow_empty = allow_empty.value;
        set.push(quote!(allow_empty: #allow_empty));
    }
    let numbers = [
        ("min", &constraints.min),
        ("max", &constraints.max),
        ("greater_than", &constraints.greater_than),
        ("less_than", &constraints.less_than),
    ];
    for (name, value) in numbers {
        if let Some(value) = value {
            let name = Ident::new(name, Span::call_site());
            let value = number(value, decimal);
            set.push(quote!(#name: ::core::option::Option::Some(#value)));
        }
    }
    if let Some(load) = &constraints.load {
        let names = super::str_slice(load);
        set.push(quote!(load: #names));
    }
    // An `i32` field takes only what fits it: a wider integer is refused
    // when cast, not stored and then unreadable as the field's type.
    if is_i32(ty) {
        for (name, bound, given) in
            [("min", i64::from(i32::MIN), &constraints.min), ("max", i64::from(i32::MAX), &constraints.max)]
        {
            if given.is_none() {
                let (name, bound) = (Ident::new(name, Span::call_site()), Literal::i64_unsuffixed(bound));
                set.push(quote!(#name: ::core::option::Option::Some(::resource::__private::Number::Int(#bound))));
            }
        }
    }
    if set.is_empty() {
        quote!(::resource::__private::Constraints::DEFAULT)
    } else {
        quote! {
            ::resource::__private::Constraints {
                #(#set,)*
                ..::resource::__private::Constraints::DEFAULT
            }
        }
    }
}

/// A numeric bound. On a `Decimal` field it is kept as written (as text) so
/// that `max: 9.99` is exact.
fn number(value: &NumberLit, decimal: bool) -> TokenStream {
    match (value, decimal) {
        (NumberLit::Int(int, _), true) => {
            let text = int.to_string();
            quote!(::resource::__private::Number::Decimal(#text))
        }
        (NumberLit::Float(float, _), true) => {
            let text = float.to_string();
            quote!(::resource::__private::Number::Decimal(#text))
        }
        (NumberLit::Int(int, _), false) => {
            let int = Literal::i64_unsuffixed(*int);
            quote!(::resource::__private::Number::Int(#int))
        }
        (NumberLit::Float(float, _), false) => {
            let float = Literal::f64_unsuffixed(*float);
            quote!(::resource::__private::Number::Float(#float))
        }
    }
}

fn is_i32(ty: &Type) -> bool {
    match value_type(ty) {
        Type::Path(path) => path.path.segments.last().is_some_and(|segment| segment.ident == "i32"),
        _ => false,
    }
}

fn is_decimal(ty: &Type) -> bool {
    match value_type(ty) {
        Type::Path(path) => path.path.segments.last().is_some_and(|segment| segment.ident == "Decimal"),
        _ => false,
    }
}

/// A `&'static Pattern`: a static of its own (it caches the compiled regex,
/// so it cannot be a promoted constant), declared right where it is used.
fn pattern_ref(pattern: &LitStr) -> TokenStream {
    quote! {{
        static __PATTERN: ::resource::__private::Pattern = ::resource::__private::Pattern::new(#pattern);
        &__PATTERN
    }}
}

fn identity_info(identity: &Identity) -> TokenStream {
    let name = unraw(&identity.ident);
    let keys = str_slice(&identity.keys);
    let flag = |flag: Option<crate::model::Flag>, default: bool| flag.map_or(default, |f| f.value);
    let pre_check = flag(identity.pre_check, false);
    let eager_check = flag(identity.eager_check, false);
    let nils_distinct = flag(identity.nils_distinct, true);
    let message = some(identity.message.as_ref());
    let field_names = some(identity.field_names.as_ref().map(str_slice));
    quote! {
        ::resource::__private::IdentityInfo {
            name: #name,
            keys: #keys,
            pre_check: #pre_check,
            eager_check: #eager_check,
            message: #message,
            nils_distinct: #nils_distinct,
            field_names: #field_names,
        }
    }
}

fn action_info(cx: &Resolved, action: &ActionView) -> TokenStream {
    let name = action.name();
    let kind = action_kind(action.kind);
    let primary = action.primary;
    let accept = str_slice(action.accept.iter().map(|a| &a.ident));
    let decl = action.decl;
    let require_attributes = str_slice(decl.map_or(&[][..], |d| &d.require_attributes));
    let arguments = action.arguments().iter().map(argument_info);
    // The action's own changes, then the resource-wide ones on its kind, in Ash's order.
    let own = decl.map_or(&[][..], |d| &d.changes).iter().map(|change| change_info(cx, Some(action), change));
    let resource_wide = cx.resource.changes.iter().enumerate().filter_map(|(i, change)| {
        let on = match &change.on {
            Some(kinds) => kinds.iter().any(|(kind, _)| *kind == action.kind),
            None => matches!(action.kind, crate::model::ActionKind::Create | crate::model::ActionKind::Update),
        };
        on.then(|| resource_change_name(i).into_token_stream())
    });
    let changes = own.chain(resource_wide);
    let validations =
        decl.map_or(&[][..], |d| &d.validations).iter().map(|validation| validation_info(cx, Some(action), validation));
    let upsert = decl.and_then(|d| d.upsert).is_some_and(|flag| flag.value);
    let upsert_identity = some(decl.and_then(|d| d.upsert_identity.as_ref()).map(unraw));
    let upsert_fields = match decl.and_then(|d| d.upsert_fields.as_ref()) {
        None => quote!(::resource::__private::UpsertFields::Changing),
        Some(UpsertFields::ReplaceAll(_)) => quote!(::resource::__private::UpsertFields::ReplaceAll),
        Some(UpsertFields::Replace(fields)) => {
            let fields = str_slice(fields);
            quote!(::resource::__private::UpsertFields::Replace(#fields))
        }
        Some(UpsertFields::ReplaceAllExcept(fields)) => {
            let fields = str_slice(fields);
            quote!(::resource::__private::UpsertFields::ReplaceAllExcept(#fields))
        }
    };
    let filter = some(decl.and_then(|d| d.filter.as_ref()).map(|expr| {
        let expr = filter::expr(expr, &cx.resource.ident);
        quote!(|| #expr)
    }));
    let touch_update_defaults = decl.and_then(|d| d.touch_update_defaults).is_none_or(|flag| flag.value);
    let upsert_condition = some(decl.and_then(|d| d.upsert_condition.as_ref()).map(|expr| {
        let expr = filter::expr(expr, &cx.resource.ident);
        quote!(|| #expr)
    }));
    let get = decl.and_then(|d| d.get).is_some_and(|flag| flag.value);
    let get_by = str_slice(decl.and_then(|d| d.get_by.as_ref()).map_or(&[][..], |g| &g.value));
    let pagination = some(decl.and_then(|d| d.pagination.as_ref()).map(|pagination| {
        let on = |flag: Option<crate::model::Flag>| flag.is_some_and(|flag| flag.value);
        let (offset, keyset, countable) = (on(pagination.offset), on(pagination.keyset), on(pagination.countable));
        let default_limit = some(pagination.default_limit.map(|limit| limit.value));
        let max_page_size = match pagination.max_page_size {
            Some(size) => {
                let size = size.value;
                quote!(#size)
            }
            None => quote!(::resource::__private::PaginationInfo::MAX_PAGE_SIZE),
        };
        quote! {
            ::resource::__private::PaginationInfo {
                offset: #offset,
                keyset: #keyset,
                default_limit: #default_limit,
                max_page_size: #max_page_size,
                countable: #countable,
            }
        }
    }));
    quote! {
        ::resource::__private::ActionInfo {
            name: #name,
            kind: #kind,
            primary: #primary,
            accept: #accept,
            require_attributes: #require_attributes,
            arguments: &[#(#arguments),*],
            changes: &[#(#changes),*],
            validations: &[#(#validations),*],
            upsert: #upsert,
            upsert_identity: #upsert_identity,
            upsert_fields: #upsert_fields,
            touch_update_defaults: #touch_update_defaults,
            upsert_condition: #upsert_condition,
            filter: #filter,
            get: #get,
            get_by: #get_by,
            pagination: #pagination,
        }
    }
}

fn argument_info(argument: &Argument) -> TokenStream {
    let name = unraw(&argument.ident);
    let ty = &argument.ty;
    let allow_nil = super::option_inner(ty).is_some();
    let sensitive = argument.sensitive.is_some_and(|flag| flag.value);
    let default = some(argument.default.as_ref().map(|expr| default_fn(typed_value(ty, expr))));
    let constraints = constraints(&argument.constraints, ty);
    quote! {
        ::resource::__private::ArgumentInfo {
            name: #name,
            ty: <#ty as ::resource::__private::AttributeValue>::TYPE,
            allow_nil: #allow_nil,
            sensitive: #sensitive,
            default: #default,
            constraints: #constraints,
        }
    }
}

/// The name of the `const` that holds the resource-wide change number `i`.
fn resource_change_name(i: usize) -> Ident {
    quote::format_ident!("__RESOURCE_CHANGE_{}", i)
}

/// A custom change or validation's name for messages: its type's or function's path.
fn custom_name(expr: &syn::Expr) -> String {
    let path = match expr {
        syn::Expr::Struct(literal) => literal.path.to_token_stream(),
        syn::Expr::Call(call) => call.func.to_token_stream(),
        other => other.to_token_stream(),
    };
    path.to_string().replace(' ', "")
}

/// `Custom { name, value: &as_change(&value) }`, spanned at the value so
/// that a type that is no change is reported there.
fn custom(expr: &syn::Expr, bridge: &str) -> TokenStream {
    let name = custom_name(expr);
    let bridge = Ident::new(bridge, expr.span());
    let value = quote_spanned!(expr.span()=> ::resource::__private::#bridge(&#expr));
    quote! {
        ::resource::__private::Custom {
            name: #name,
            value: &#value,
        }
    }
}

fn change_info(cx: &Resolved, action: Option<&ActionView>, change: &Change) -> TokenStream {
    let (attribute, value, new) = match change {
        Change::SetAttribute { attribute, value } => (attribute, value, false),
        Change::SetNewAttribute { attribute, value } => (attribute, value, true),
        Change::Custom(expr) => {
            let custom = custom(expr, "as_change");
            return quote!(::resource::__private::ChangeInfo::Custom(#custom));
        }
    };
    let attribute_name = unraw(attribute);
    match value {
        ChangeValue::Expr(expr) => {
            let value = match cx.field_type(action, attribute) {
                Some(ty) => typed_value(ty, expr),
                None => untyped_value(expr),
            };
            let variant = if new { quote!(SetNewAttribute) } else { quote!(SetAttribute) };
            quote! {
                ::resource::__private::ChangeInfo::#variant {
                    attribute: #attribute_name,
                    value: || #value,
                }
            }
        }
        ChangeValue::Argument(argument) if !new => {
            let types =
                (cx.attribute(attribute), action.and_then(|a| a.arguments().iter().find(|x| x.ident == *argument)));
            // The name, after the check that the types meet.
            let attribute = match types {
                (Some(to), Some(from)) => {
                    let check = super::filter_types::copied(&attribute_name, &to.ty, argument, &from.ty);
                    quote!({ #check #attribute_name })
                }
                _ => quote!(#attribute_name),
            };
            let argument = unraw(argument);
            quote! {
                ::resource::__private::ChangeInfo::SetAttributeFromArgument {
                    attribute: #attribute,
                    argument: #argument,
                }
            }
        }
        ChangeValue::Argument(argument) => quote_spanned! {argument.span()=>
            ::core::compile_error!("`set_new_attribute` cannot take `arg(..)` yet; use `set_attribute`")
        },
    }
}

/// A validation. Resource-wide ones run on create and update unless `on` says
/// otherwise (Ash's default); one declared inside an action runs for that action.
fn validation_info(cx: &Resolved, action: Option<&ActionView>, validation: &Validation) -> TokenStream {
    let rule = validation_rule(cx, action, &validation.rule);
    let on = match (&validation.on, action) {
        (Some(kinds), _) => {
            let kinds = kinds.iter().map(|(kind, _)| action_kind(*kind));
            quote!(&[#(#kinds),*])
        }
        (None, Some(action)) => {
            let kind = action_kind(action.kind);
            quote!(&[#kind])
        }
        (None, None) => quote!(::resource::__private::ValidationInfo::DEFAULT_ON),
    };
    let message = some(validation.message.as_ref());
    let conditions = validation.conditions.iter().map(|condition| validation_rule(cx, action, condition));
    let only_when_valid = validation.only_when_valid.is_some_and(|flag| flag.value);
    quote! {
        ::resource::__private::ValidationInfo {
            rule: #rule,
            on: #on,
            conditions: &[#(#conditions),*],
            only_when_valid: #only_when_valid,
            message: #message,
        }
    }
}

fn validation_rule(cx: &Resolved, action: Option<&ActionView>, rule: &ValidationRule) -> TokenStream {
    // A value compared with `field` is typed as the field (attribute or
    // argument), so rustc rejects `attribute_equals(price, "free")`.
    let value_of = |field: &Ident, expr: &syn::Expr| {
        let value = match cx.field_type(action, field) {
            Some(ty) => typed_value(ty, expr),
            None => untyped_value(expr),
        };
        quote!(|| #value)
    };
    let counts = |counts: &Counts| {
        let value =
            |count: Option<crate::model::Spanned<usize>>| some(count.map(|c| Literal::usize_unsuffixed(c.value)));
        (value(counts.at_least), value(counts.at_most), value(counts.exactly))
    };
    match rule {
        ValidationRule::Custom(expr) => {
            let custom = custom(expr, "as_validation");
            quote!(::resource::__private::Validation::Custom(#custom))
        }
        ValidationRule::Present { fields, counts: c } | ValidationRule::Absent { fields, counts: c } => {
            let variant = if matches!(rule, ValidationRule::Present { .. }) { quote!(Present) } else { quote!(Absent) };
            let fields = str_slice(fields);
            let (at_least, at_most, exactly) = counts(c);
            quote! {
                ::resource::__private::Validation::#variant {
                    fields: #fields,
                    at_least: #at_least,
                    at_most: #at_most,
                    exactly: #exactly,
                }
            }
        }
        ValidationRule::StringLength { field, min, max, exact } => {
            let field = unraw(field);
            let value = |count: &Option<crate::model::Spanned<usize>>| {
                some(count.as_ref().map(|c| Literal::usize_unsuffixed(c.value)))
            };
            let (min, max, exact) = (value(min), value(max), value(exact));
            quote! {
                ::resource::__private::Validation::StringLength {
                    field: #field,
                    min: #min,
                    max: #max,
                    exact: #exact,
                }
            }
        }
        ValidationRule::Compare { field, comparisons } => {
            let operand = |op: CompareOp| {
                let found = comparisons.iter().rev().find(|(o, _)| *o == op).map(|(_, operand)| match operand {
                    Operand::Field(other) => {
                        let other = unraw(other);
                        quote!(::resource::__private::Operand::Field(#other))
                    }
                    Operand::Value(expr) => {
                        let value = value_of(field, expr);
                        quote!(::resource::__private::Operand::Value(#value))
                    }
                });
                some(found)
            };
            let greater_than = operand(CompareOp::GreaterThan);
            let greater_than_or_equal_to = operand(CompareOp::GreaterThanOrEqualTo);
            let less_than = operand(CompareOp::LessThan);
            let less_than_or_equal_to = operand(CompareOp::LessThanOrEqualTo);
            let is_equal = operand(CompareOp::IsEqual);
            let field = unraw(field);
            quote! {
                ::resource::__private::Validation::Compare {
                    field: #field,
                    greater_than: #greater_than,
                    greater_than_or_equal_to: #greater_than_or_equal_to,
                    less_than: #less_than,
                    less_than_or_equal_to: #less_than_or_equal_to,
                    is_equal: #is_equal,
                }
            }
        }
        ValidationRule::Match { field, pattern } => {
            let field = unraw(field);
            let pattern = pattern_ref(pattern);
            quote! {
                ::resource::__private::Validation::Match {
                    field: #field,
                    pattern: #pattern,
                }
            }
        }
        ValidationRule::OneOf { field, values } => {
            let values = vec_of(values.iter().map(|expr| match cx.field_type(action, field) {
                Some(ty) => typed_value(ty, expr),
                None => untyped_value(expr),
            }));
            let field = unraw(field);
            quote! {
                ::resource::__private::Validation::OneOf {
                    field: #field,
                    values: || #values,
                }
            }
        }
        ValidationRule::AttributeEquals { field, value } | ValidationRule::AttributeDoesNotEqual { field, value } => {
            let variant = if matches!(rule, ValidationRule::AttributeEquals { .. }) {
                quote!(AttributeEquals)
            } else {
                quote!(AttributeDoesNotEqual)
            };
            let value = value_of(field, value);
            let field = unraw(field);
            quote! {
                ::resource::__private::Validation::#variant {
                    field: #field,
                    value: #value,
                }
            }
        }
        ValidationRule::Confirm { field, confirmation } => {
            let field = unraw(field);
            let confirmation = unraw(confirmation);
            quote! {
                ::resource::__private::Validation::Confirm {
                    field: #field,
                    confirmation: #confirmation,
                }
            }
        }
    }
}
