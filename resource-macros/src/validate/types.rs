//! Options that must agree with the written Rust type: primary keys,
//! `allow_nil`, constraints.

use proc_macro2::Span;
use syn::{Ident, Type};

use super::type_name;
use crate::errors::Errors;
use crate::model::{Constraints, DataLayerKind, Flag, Form, NumberLit, Resource};
use crate::resolve::{effective, option_inner, unwrap_groups};

/// A resource with no primary key; embedded resources need none.
///
/// `attributes { attribute name: String; }` -> `User` has no primary key
pub fn check_primary_key_exists(resource: &Resource, errors: &mut Errors) {
    if resource.data_layer.kind == DataLayerKind::Embedded || resource.attributes.iter().any(is_primary_key) {
        return;
    }
    let hint = match resource.form {
        Form::Block => "add `uuid_primary_key id;` to `attributes`, or `primary_key: true` to an attribute",
        Form::Attribute => {
            "add a field `#[attribute(uuid_primary_key)] id: Uuid`, or `primary_key` to a field's `#[attribute(..)]`"
        }
    };
    errors.error(resource.ident.span(), format_args!("`{}` has no primary key; {hint}", resource.ident));
}

/// `attribute id: Option<i64> { primary_key: true }`: a key is never nil.
pub fn check_primary_key_not_optional(resource: &Resource, errors: &mut Errors) {
    for attribute in resource.attributes.iter().filter(|a| is_primary_key(a)) {
        if let Some(inner) = option_inner(&attribute.ty) {
            errors.push(syn::Error::new_spanned(
                &attribute.ty,
                format_args!(
                    "primary key `{}` cannot be an `Option`: a primary key is never nil; write `{}`",
                    attribute.ident,
                    type_name(inner)
                ),
            ));
        }
    }
}

fn is_primary_key(attribute: &crate::model::Attribute) -> bool {
    effective(attribute).primary_key
}

/// Nullability is the type's: `Option<T>` may be nil, `T` may not, so
/// `allow_nil` can only restate it.
///
/// `attribute name: String { allow_nil: true }` -> write `Option<String>`
pub fn check_allow_nil(resource: &Resource, errors: &mut Errors) {
    for attribute in &resource.attributes {
        check_allow_nil_of(attribute.allow_nil, &attribute.ty, resource.form, errors);
    }
    for action in &resource.actions.actions {
        for argument in &action.arguments {
            check_allow_nil_of(argument.allow_nil, &argument.ty, resource.form, errors);
        }
    }
}

fn check_allow_nil_of(allow_nil: Option<Flag>, ty: &Type, form: Form, errors: &mut Errors) {
    let Some(flag) = allow_nil else { return };
    let is_option = option_inner(ty).is_some();
    let name = type_name(ty);
    if flag.value && !is_option {
        let option = form.flag("allow_nil");
        errors.error(
            flag.span,
            format_args!(
                "`{option}` but the type `{name}` is not an `Option`; write `Option<{name}>` or remove the option"
            ),
        );
    } else if !flag.value && is_option {
        let option = form.option("allow_nil", false);
        errors.error(flag.span, format_args!("`{option}` but the type is `{name}`; remove the option or the `Option`"));
    }
}

/// What the constraints of a type can be, decided by the last path segment
/// of the written type (inside `Option`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TypeClass {
    String,
    Number,
    List,
    /// A known type that takes none of the constraints.
    Other,
    /// A type we do not know: given the benefit of the doubt.
    Unknown,
}

fn classify(ty: &Type) -> TypeClass {
    let ty = option_inner(ty).unwrap_or(ty);
    let Type::Path(path) = unwrap_groups(ty) else { return TypeClass::Unknown };
    let Some(last) = path.path.segments.last() else { return TypeClass::Unknown };
    match last.ident.to_string().as_str() {
        "String" | "CiString" => TypeClass::String,
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "f32"
        | "f64" | "Decimal" => TypeClass::Number,
        "Vec" => TypeClass::List,
        "bool" | "Uuid" | "DateTime" | "NaiveDate" | "NaiveDateTime" | "NaiveTime" | "Date" | "Time" => {
            TypeClass::Other
        }
        _ => TypeClass::Unknown,
    }
}

/// Constraints that cannot apply to the type, and bounds that contradict.
///
/// `attribute age: i64 { constraints { max_length: 3 } }` -> `max_length` applies to strings and lists
pub fn check_constraints(resource: &Resource, errors: &mut Errors) {
    for attribute in &resource.attributes {
        check_constraints_of(&attribute.ident, &attribute.ty, &attribute.constraints, errors);
    }
    for action in &resource.actions.actions {
        for argument in &action.arguments {
            check_constraints_of(&argument.ident, &argument.ty, &argument.constraints, errors);
        }
    }
}

fn check_constraints_of(field: &Ident, ty: &Type, constraints: &Constraints, errors: &mut Errors) {
    let class = classify(ty);
    let mut require = |name: &str, span: Option<Span>, allowed: &[TypeClass], what: &str| {
        if let Some(span) = span
            && class != TypeClass::Unknown
            && !allowed.contains(&class)
        {
            errors.error(
                span,
                format_args!("`{name}` applies to {what}, but `{field}` is `{}`; remove it", type_name(ty)),
            );
        }
    };
    let lengths = [TypeClass::String, TypeClass::List];
    require("min_length", constraints.min_length.map(|c| c.span), &lengths, "strings and lists");
    require("max_length", constraints.max_length.map(|c| c.span), &lengths, "strings and lists");
    require("match", constraints.pattern.as_ref().map(|p| p.span()), &[TypeClass::String], "strings");
    require("trim", constraints.trim.map(|f| f.span), &[TypeClass::String], "strings");
    require("allow_empty", constraints.allow_empty.map(|f| f.span), &[TypeClass::String], "strings");
    for (name, bound) in [
        ("min", &constraints.min),
        ("max", &constraints.max),
        ("greater_than", &constraints.greater_than),
        ("less_than", &constraints.less_than),
    ] {
        require(name, bound.as_ref().map(number_span), &[TypeClass::Number], "numbers");
    }

    if let (Some(min), Some(max)) = (constraints.min_length, constraints.max_length)
        && min.value > max.value
    {
        errors
            .error(min.span, format_args!("`min_length` ({}) is greater than `max_length` ({})", min.value, max.value));
    }
    if let (Some(min), Some(max)) = (&constraints.min, &constraints.max)
        && number_value(min) > number_value(max)
    {
        errors.error(
            number_span(min),
            format_args!("`min` ({}) is greater than `max` ({})", number_value(min), number_value(max)),
        );
    }
    if let Some(pattern) = &constraints.pattern {
        super::rules::check_regex(pattern, errors);
    }
}

fn number_span(number: &NumberLit) -> Span {
    match number {
        NumberLit::Int(_, span) | NumberLit::Float(_, span) => *span,
    }
}

fn number_value(number: &NumberLit) -> f64 {
    match number {
        // Bounds far beyond 2^53 lose precision here; only their order matters.
        NumberLit::Int(value, _) => *value as f64,
        NumberLit::Float(value, _) => *value,
    }
}
