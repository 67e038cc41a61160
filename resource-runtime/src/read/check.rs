//! The caller's part of a read, checked before any data layer sees it, the
//! same way on every layer: every field a filter or sort names exists, and
//! every value a filter compares with an attribute casts to the
//! attribute's type (Ash casts filter values too: `id == "foo"` on a uuid
//! is invalid input, not an empty result). Values are replaced by their
//! cast, so a layer compares like with like.

use crate::expr::embedded::{embed_of, embedded_path};
use crate::expr::resolve::{Named, lookup};
use crate::expr::tree::{Expr, SortOrder};
use crate::info::cast::cast_value;
use crate::info::error::{Error, FieldError, FieldErrorKind, Result};
use crate::info::{ResourceInfo, Type};

/// The message of a name that is no attribute, calculation or aggregate.
fn no_such_field(resource: &ResourceInfo) -> String {
    format!("no such field of {}", resource.name)
}

/// Checks the sort keys' names.
pub(crate) fn sort(resource: &ResourceInfo, sort: &[(String, SortOrder)]) -> Result<()> {
    let errors: Vec<FieldError> = sort
        .iter()
        .filter(|(name, _)| lookup(resource, name).is_none() && embedded_path(resource, name).is_none())
        .map(|(name, _)| FieldError::new(name.as_str(), FieldErrorKind::NoSuchField, no_such_field(resource)))
        .collect();
    if errors.is_empty() { Ok(()) } else { Err(Error::Invalid(errors)) }
}

/// `filter` with the values it compares with attributes cast to their
/// types; an error naming each field that does not exist or whose value
/// does not cast.
pub(crate) fn filter(resource: &ResourceInfo, filter: Expr) -> Result<Expr> {
    let mut errors = Vec::new();
    let checked = check(resource, filter, &mut errors);
    if errors.is_empty() { Ok(checked) } else { Err(Error::Invalid(errors)) }
}

fn check(resource: &ResourceInfo, expr: Expr, errors: &mut Vec<FieldError>) -> Expr {
    let recurse = |e: Box<Expr>, errors: &mut Vec<FieldError>| Box::new(check(resource, *e, errors));
    match expr {
        Expr::Ref(name) => {
            if lookup(resource, &name).is_none() && resource.relationship(&name).is_none() {
                errors.push(FieldError::new(name.as_str(), FieldErrorKind::NoSuchField, no_such_field(resource)));
            }
            Expr::Ref(name)
        }
        Expr::Binary(op, left, right) if op.is_comparison() => {
            let (left, right) = (recurse(left, errors), recurse(right, errors));
            let (left, right) = match (attribute_type(resource, &left), attribute_type(resource, &right)) {
                (Some((name, ty)), _) => (left, cast_operand(&name, ty, right, errors)),
                (_, Some((name, ty))) => (cast_operand(&name, ty, left, errors), right),
                _ => (left, right),
            };
            Expr::Binary(op, left, right)
        }
        Expr::Binary(op, left, right) => Expr::Binary(op, recurse(left, errors), recurse(right, errors)),
        Expr::In(left, items) => {
            let left = recurse(left, errors);
            let mut checked: Vec<Expr> = items.into_iter().map(|item| check(resource, item, errors)).collect();
            if let Some((name, ty)) = attribute_type(resource, &left) {
                checked = checked.into_iter().map(|item| *cast_operand(&name, ty, Box::new(item), errors)).collect();
            }
            Expr::In(left, checked)
        }
        Expr::Not(inner) => Expr::Not(recurse(inner, errors)),
        Expr::IsNil(inner) => Expr::IsNil(recurse(inner, errors)),
        Expr::Call(function, args) => {
            Expr::Call(function, args.into_iter().map(|a| check(resource, a, errors)).collect())
        }
        Expr::If(cond, then, otherwise) => {
            Expr::If(recurse(cond, errors), recurse(then, errors), recurse(otherwise, errors))
        }
        Expr::Fragment { sql, args } => {
            Expr::Fragment { sql, args: args.into_iter().map(|a| check(resource, a, errors)).collect() }
        }
        // Paths and aggregates are checked against the resources they reach
        // when the read runs (their names are the declaration's, mostly).
        Expr::AnyRelated { path, expr, or_nil } => Expr::AnyRelated { path, expr: recurse(expr, errors), or_nil },
        other @ (Expr::Value(_) | Expr::Path { .. } | Expr::Aggregate(_) | Expr::Parent(_)) => other,
        // Inside an embed, names and values are the embedded resource's.
        Expr::Embedded { attribute, expr } => {
            let expr = match embed_of(resource, &attribute, false) {
                Ok(embed) => Box::new(check(embed, *expr, errors)),
                Err(_) => expr,
            };
            Expr::Embedded { attribute, expr }
        }
        Expr::AnyEmbedded { attribute, filter } => {
            let filter = match embed_of(resource, &attribute, true) {
                Ok(embed) => Box::new(check(embed, *filter, errors)),
                Err(_) => filter,
            };
            Expr::AnyEmbedded { attribute, filter }
        }
    }
}

/// The name and type of an attribute reference.
fn attribute_type(resource: &ResourceInfo, expr: &Expr) -> Option<(String, Type)> {
    match expr {
        Expr::Ref(name) => match lookup(resource, name) {
            Some(Named::Attribute(_, attribute)) => Some((name.clone(), attribute.ty)),
            _ => None,
        },
        // `profile.born`: the embedded attribute's type, named by its path.
        Expr::Embedded { attribute, expr } => {
            let (name, ty) = attribute_type(embed_of(resource, attribute, false).ok()?, expr)?;
            Some((format!("{attribute}.{name}"), ty))
        }
        _ => None,
    }
}

/// A literal compared with attribute `name`, cast to its type.
fn cast_operand(name: &str, ty: Type, operand: Box<Expr>, errors: &mut Vec<FieldError>) -> Box<Expr> {
    let Expr::Value(value) = *operand else { return operand };
    match cast_value(ty, value.clone()) {
        Ok(cast) => Box::new(Expr::Value(cast)),
        Err(message) => {
            errors.push(FieldError::new(name, FieldErrorKind::InvalidType, message));
            Box::new(Expr::Value(value))
        }
    }
}
