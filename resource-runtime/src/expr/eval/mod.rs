//! Evaluating an `Expr` in memory, against one row. Nil follows SQL's
//! three-valued logic, so that a filter keeps the same rows here as in SQL:
//! comparisons, arithmetic and most functions with a nil operand are nil;
//! `nil and false` is false; `nil or true` is true; `not nil` is nil;
//! `is_nil` is never nil.

use std::cmp::Ordering;

use chrono::Utc;
use rust_decimal::Decimal;

use crate::expr::functions::{self, Function, TimeUnit, fold, text};
use crate::expr::related::Related;
use crate::expr::resolve::{MAX_DEPTH, Named, Reached, lookup, too_deep, unknown_name, walk_reached};
use crate::expr::tree::{BinaryOp, Expr};
use crate::info::ResourceInfo;
use crate::info::error::{Error, Result};
use crate::info::value::Value;

mod embedded;
mod related;

/// The message of the error a `fragment` gives outside SQL.
pub(crate) const FRAGMENT_IN_MEMORY: &str = "fragment(..) can only run in SQL data layers";

/// What an evaluation may reach beyond the row: the related rows a domain
/// prefetched (for relationship paths and aggregates), and how deep
/// calculations are nested.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Cx<'a> {
    pub(crate) related: Option<&'a Related>,
    pub(crate) depth: usize,
    /// The record outside the aggregate or `exists` filter being evaluated
    /// (what `parent(..)` reads).
    pub(crate) parent: Option<&'a Outer<'a>>,
    /// The related records `Expr::AnyRelated`s joined, innermost first.
    pub(crate) bound: Option<&'a Bound<'a>>,
}

/// The record `parent(..)` reads, and what its expressions could reach.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Outer<'a> {
    pub(crate) resource: &'a ResourceInfo,
    pub(crate) row: &'a [Value],
    pub(crate) cx: Cx<'a>,
}

/// A to-many path joined to one related record (`None`: the NULL row of a
/// record without related records), and the bindings outside it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bound<'a> {
    pub(crate) path: &'a [String],
    pub(crate) row: Option<&'a [Value]>,
    pub(crate) next: Option<&'a Bound<'a>>,
}

impl<'a> Bound<'a> {
    /// The binding of the longest prefix of `path`, if one is bound.
    pub(crate) fn longest(mut bound: Option<&'a Bound<'a>>, path: &[String]) -> Option<&'a Bound<'a>> {
        let mut best: Option<&'a Bound<'a>> = None;
        while let Some(b) = bound {
            if path.starts_with(b.path) && best.is_none_or(|best| best.path.len() < b.path.len()) {
                best = Some(b);
            }
            bound = b.next;
        }
        best
    }
}

impl<'a> Cx<'a> {
    pub(crate) fn deeper(self, resource: &ResourceInfo, name: &str) -> Result<Cx<'a>> {
        if self.depth >= MAX_DEPTH {
            return Err(too_deep(resource, name));
        }
        Ok(Cx { depth: self.depth + 1, ..self })
    }

    /// For names of another resource (at the end of a path): no parent, nothing joined.
    pub(crate) fn elsewhere(self) -> Cx<'a> {
        Cx { parent: None, bound: None, ..self }
    }
}

impl Expr {
    /// Evaluates against a row of `resource`. Fails on what cannot run in
    /// memory (`fragment`), on names `resource` does not have, on calls
    /// with the wrong number of arguments, and on relationship paths and
    /// aggregates (they need related rows: [`Expr::try_eval_related`]).
    /// Calculations named in the expression are evaluated in place.
    pub fn try_eval(&self, resource: &ResourceInfo, row: &[Value]) -> Result<Value> {
        self.eval_in(Cx::default(), resource, row)
    }

    /// `try_eval`, with the rows of related records that relationship paths
    /// and aggregates reach (`Related::prepare` fetches them).
    pub fn try_eval_related(&self, related: &Related, resource: &ResourceInfo, row: &[Value]) -> Result<Value> {
        self.eval_in(Cx { related: Some(related), ..Cx::default() }, resource, row)
    }

    pub(crate) fn eval_in(&self, cx: Cx<'_>, resource: &ResourceInfo, row: &[Value]) -> Result<Value> {
        Ok(match self {
            Expr::Value(value) => value.clone(),
            Expr::Ref(name) => match resource.attribute_index(name) {
                Some(i) => row.get(i).cloned().unwrap_or(Value::Nil),
                None => return eval_name(cx, resource, name, row),
            },
            Expr::Not(inner) => match inner.eval_in(cx, resource, row)? {
                Value::Bool(b) => Value::Bool(!b),
                _ => Value::Nil,
            },
            Expr::IsNil(inner) => Value::Bool(inner.eval_in(cx, resource, row)?.is_nil()),
            Expr::In(left, items) => {
                let value = left.eval_in(cx, resource, row)?;
                let items = items.iter().map(|item| item.eval_in(cx, resource, row)).collect::<Result<Vec<_>>>()?;
                is_in(&value, &items)
            }
            // Ash's `&&` and `||` are Elixir's: the left value decides, and
            // the right one is evaluated only when it is the result.
            Expr::Binary(op @ (BinaryOp::And | BinaryOp::Or), left, right) => {
                let left = left.eval_in(cx, resource, row)?;
                match (op, falsy(&left)) {
                    (BinaryOp::And, true) | (BinaryOp::Or, false) => left,
                    _ => right.eval_in(cx, resource, row)?,
                }
            }
            Expr::Binary(op, left, right) => {
                let (left, right) = (left.eval_in(cx, resource, row)?, right.eval_in(cx, resource, row)?);
                binary(*op, &left, &right)
            }
            Expr::Call(function, args) => {
                check_call(*function, args)?;
                let args = args.iter().map(|arg| arg.eval_in(cx, resource, row)).collect::<Result<Vec<_>>>()?;
                if *function == Function::Error {
                    return Err(Error::InvalidExpression { message: text(&args[0]).unwrap_or_default() });
                }
                call(*function, &args)
            }
            Expr::If(cond, then, otherwise) => match cond.eval_in(cx, resource, row)? {
                Value::Bool(true) => then.eval_in(cx, resource, row)?,
                _ => otherwise.eval_in(cx, resource, row)?,
            },
            Expr::Fragment { .. } => return Err(Error::DataLayer(FRAGMENT_IN_MEMORY.to_string())),
            Expr::Path { relationship, field } => return related::eval_path(cx, resource, relationship, field, row),
            Expr::Aggregate(aggregate) => return related::eval_aggregate(cx, resource, aggregate, row),
            Expr::AnyRelated { path, expr, or_nil } => {
                return related::eval_any(cx, resource, path, expr, *or_nil, row);
            }
            Expr::Parent(inner) => match cx.parent {
                Some(outer) => return inner.eval_in(outer.cx, outer.resource, outer.row),
                None => return Err(crate::expr::resolve::parent_outside()),
            },
            Expr::Embedded { attribute, expr } => return embedded::eval_embedded(cx, resource, attribute, expr, row),
            Expr::AnyEmbedded { attribute, filter } => {
                return embedded::eval_any_embedded(cx, resource, attribute, filter, row);
            }
        })
    }

    /// `try_eval`, with nil for an expression that cannot be evaluated.
    pub fn eval(&self, resource: &ResourceInfo, row: &[Value]) -> Value {
        self.try_eval(resource, row).unwrap_or(Value::Nil)
    }

    /// Whether the row passes the filter: only `true` does (nil and false
    /// filter out).
    pub fn matches(&self, resource: &ResourceInfo, row: &[Value]) -> Result<bool> {
        Ok(matches!(self.try_eval(resource, row)?, Value::Bool(true)))
    }

    /// `matches`, with the related rows of relationship paths and aggregates.
    pub fn matches_related(&self, related: &Related, resource: &ResourceInfo, row: &[Value]) -> Result<bool> {
        Ok(matches!(self.try_eval_related(related, resource, row)?, Value::Bool(true)))
    }

    /// Checks once, before a scan, what would make `try_eval` fail on every
    /// row: a `fragment` (also inside a calculation it names), a name that
    /// is no attribute, calculation or aggregate, a relationship path that
    /// leads nowhere, a call with the wrong number of arguments. So an
    /// in-memory read fails even when there are no rows.
    pub fn check_eval(&self, resource: &ResourceInfo) -> Result<()> {
        walk_reached(self, resource, &mut |reached| match reached {
            Reached::Node(Expr::Fragment { .. }) => Err(Error::DataLayer(FRAGMENT_IN_MEMORY.to_string())),
            Reached::Node(Expr::Call(function, args)) => check_call(*function, args),
            _ => Ok(()),
        })
    }
}

/// A name that is no attribute: a calculation (its expression, evaluated in
/// place) or an aggregate.
pub(crate) fn eval_name(cx: Cx<'_>, resource: &ResourceInfo, name: &str, row: &[Value]) -> Result<Value> {
    match lookup(resource, name) {
        Some(Named::Attribute(i, _)) => Ok(row.get(i).cloned().unwrap_or(Value::Nil)),
        Some(Named::Calculation(calculation)) => {
            (calculation.expr)().eval_in(cx.deeper(resource, name)?, resource, row)
        }
        Some(Named::Aggregate(aggregate)) => {
            let Expr::Aggregate(aggregate) = aggregate.to_expr() else { unreachable!("to_expr makes an aggregate") };
            related::eval_aggregate(cx.deeper(resource, name)?, resource, &aggregate, row)
        }
        None => Err(unknown_name(resource, name)),
    }
}

pub(crate) fn check_arity(function: Function, given: usize) -> Result<()> {
    let (min, max) = function.arity();
    if given >= min && max.is_none_or(|max| given <= max) {
        return Ok(());
    }
    let expected = match max {
        Some(max) if max == min => arguments(min),
        Some(max) => format!("{min} to {}", arguments(max)),
        None => format!("at least {}", arguments(min)),
    };
    Err(Error::DataLayer(format!("{}(..) takes {expected}, got {given}", function.name())))
}

/// `check_arity`, and the arguments that must be constants: a time unit
/// (`ago(1, "day")`) and `start_of_day`'s time zone (UTC only).
pub(crate) fn check_call(function: Function, args: &[Expr]) -> Result<()> {
    check_arity(function, args.len())?;
    if let Some(i) = function.unit_argument() {
        let unit = match &args[i] {
            Expr::Value(Value::String(name) | Value::Atom(name)) => TimeUnit::parse(name),
            _ => None,
        };
        if unit.is_none() {
            let units: Vec<&str> = TimeUnit::ALL.iter().map(|unit| unit.name()).collect();
            return Err(Error::DataLayer(format!(
                "{}(..) takes a constant time unit, one of {}, got {:?}",
                function.name(),
                units.join(", "),
                args[i]
            )));
        }
    }
    if function == Function::StartOfDay && args.len() == 2 {
        let utc = matches!(&args[1], Expr::Value(Value::String(zone)) if functions::UTC_NAMES.contains(&zone.as_str()));
        if !utc {
            return Err(Error::DataLayer(format!(
                "start_of_day(..) supports only the time zone \"Etc/UTC\" (or \"UTC\"), got {:?}",
                args[1]
            )));
        }
    }
    Ok(())
}

/// The time unit a checked call's argument names.
fn unit_of(value: &Value) -> Option<TimeUnit> {
    match value {
        Value::String(name) | Value::Atom(name) => TimeUnit::parse(name),
        _ => None,
    }
}

/// A datetime argument: a datetime, or text spelling one (as SQL reads text).
fn datetime_of(value: &Value) -> Option<chrono::DateTime<Utc>> {
    match value {
        Value::DateTime(dt) => Some(*dt),
        Value::String(s) => functions::parse_datetime(s),
        _ => None,
    }
}

/// A date argument: a date, or text `YYYY-MM-DD`.
fn date_of(value: &Value) -> Option<chrono::NaiveDate> {
    match value {
        Value::Date(d) => Some(*d),
        Value::String(s) => functions::parse_date(s),
        _ => None,
    }
}

/// `1 argument`, `2 arguments`.
pub(crate) fn arguments(n: usize) -> String {
    format!("{n} argument{}", if n == 1 { "" } else { "s" })
}

/// SQL's `IN`: true when found; else nil if the value or an item is nil;
/// else false. An empty list is false, even for nil.
fn is_in(value: &Value, items: &[Value]) -> Value {
    if items.is_empty() {
        return Value::Bool(false);
    }
    if value.is_nil() {
        return Value::Nil;
    }
    if items.iter().any(|item| value.loose_eq(item)) {
        Value::Bool(true)
    } else if items.iter().any(Value::is_nil) {
        Value::Nil
    } else {
        Value::Bool(false)
    }
}

/// Nil and false: what `&&` stops at and `||` passes over (Elixir's falsy values).
pub(crate) fn falsy(value: &Value) -> bool {
    matches!(value, Value::Nil | Value::Bool(false))
}

pub(crate) fn binary(op: BinaryOp, left: &Value, right: &Value) -> Value {
    match op {
        // `a && b` is `a` when `a` is nil or false, else `b`; `a || b` is
        // `b` when `a` is nil or false, else `a` (Ash's operators).
        BinaryOp::And => {
            if falsy(left) {
                left.clone()
            } else {
                right.clone()
            }
        }
        BinaryOp::Or => {
            if falsy(left) {
                right.clone()
            } else {
                left.clone()
            }
        }
        BinaryOp::Eq | BinaryOp::NotEq | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
            let Some(ordering) = left.compare(right) else { return Value::Nil };
            Value::Bool(match op {
                BinaryOp::Eq => ordering == Ordering::Equal,
                BinaryOp::NotEq => ordering != Ordering::Equal,
                BinaryOp::Lt => ordering == Ordering::Less,
                BinaryOp::Le => ordering != Ordering::Greater,
                BinaryOp::Gt => ordering == Ordering::Greater,
                _ => ordering != Ordering::Less,
            })
        }
        BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => arithmetic(op, left, right),
        BinaryOp::Concat => match (text(left), text(right)) {
            (Some(left), Some(right)) => Value::String(left + &right),
            _ => Value::Nil,
        },
    }
}

/// A number of any kind.
#[derive(Clone, Copy)]
enum Num {
    Int(i64),
    Float(f64),
    /// Computed by `decimals`, which converts both sides.
    Decimal,
}

fn number(value: &Value) -> Option<Num> {
    match value {
        Value::Int(i) => Some(Num::Int(*i)),
        Value::Float(f) => Some(Num::Float(*f)),
        Value::Decimal(_) => Some(Num::Decimal),
        _ => None,
    }
}

/// Numbers across kinds: integers stay integers (an overflow turns into a
/// float, as in SQLite), a float makes a float, a decimal makes a decimal
/// (a float next to it is converted). `/` divides exactly (`7 / 2` is
/// `3.5`); by zero it is nil, as in SQL. Non-numbers give nil.
fn arithmetic(op: BinaryOp, left: &Value, right: &Value) -> Value {
    let (Some(a), Some(b)) = (number(left), number(right)) else { return Value::Nil };
    match (a, b) {
        (Num::Int(a), Num::Int(b)) => {
            let exact = match op {
                BinaryOp::Add => a.checked_add(b),
                BinaryOp::Sub => a.checked_sub(b),
                BinaryOp::Mul => a.checked_mul(b),
                _ => return floats(op, a as f64, b as f64),
            };
            exact.map_or_else(|| floats(op, a as f64, b as f64), Value::Int)
        }
        (Num::Decimal, _) | (_, Num::Decimal) => decimals(op, left, right),
        (Num::Float(a), Num::Float(b)) => floats(op, a, b),
        (Num::Float(a), Num::Int(b)) => floats(op, a, b as f64),
        (Num::Int(a), Num::Float(b)) => floats(op, a as f64, b),
    }
}

fn floats(op: BinaryOp, a: f64, b: f64) -> Value {
    let result = match op {
        BinaryOp::Add => a + b,
        BinaryOp::Sub => a - b,
        BinaryOp::Mul => a * b,
        _ if b == 0.0 => return Value::Nil,
        _ => a / b,
    };
    if result.is_nan() { Value::Nil } else { Value::Float(result) }
}

fn decimals(op: BinaryOp, left: &Value, right: &Value) -> Value {
    let decimal = |value: &Value| match value {
        Value::Decimal(d) => Some(*d),
        Value::Int(i) => Some(Decimal::from(*i)),
        Value::Float(f) => Decimal::try_from(*f).ok(),
        _ => None,
    };
    let (Some(a), Some(b)) = (decimal(left), decimal(right)) else { return Value::Nil };
    let result = match op {
        BinaryOp::Add => a.checked_add(b),
        BinaryOp::Sub => a.checked_sub(b),
        BinaryOp::Mul => a.checked_mul(b),
        _ if b.is_zero() => None,
        _ => a.checked_div(b),
    };
    result.map_or(Value::Nil, Value::Decimal)
}

fn call(function: Function, args: &[Value]) -> Value {
    let arg = |i: usize| args.get(i).unwrap_or(&Value::Nil);
    match function {
        Function::Like | Function::ILike => {
            let (Some(subject), Some(pattern)) = (text(arg(0)), text(arg(1))) else { return Value::Nil };
            Value::Bool(match function {
                Function::Like => functions::like(&subject, &pattern),
                _ => functions::like(&fold(&subject), &fold(&pattern)),
            })
        }
        Function::Contains => {
            let (Some(subject), Some(part)) = (text(arg(0)), text(arg(1))) else { return Value::Nil };
            let ci = matches!(arg(0), Value::CiString(_)) || matches!(arg(1), Value::CiString(_));
            Value::Bool(if ci { fold(&subject).contains(&fold(&part)) } else { subject.contains(&part) })
        }
        Function::Lower => text(arg(0)).map_or(Value::Nil, |s| Value::String(fold(&s))),
        Function::Upper => text(arg(0)).map_or(Value::Nil, |s| Value::String(s.to_uppercase())),
        Function::Length => text(arg(0)).map_or(Value::Nil, |s| Value::Int(s.chars().count() as i64)),
        Function::StringJoin => {
            let Some(separator) = text(arg(0)) else { return Value::Nil };
            let items: Vec<String> = args.iter().skip(1).filter_map(text).collect();
            Value::String(items.join(&separator))
        }
        Function::Concat => Value::String(args.iter().filter_map(text).collect()),
        Function::Trim => text(arg(0)).map_or(Value::Nil, |s| Value::String(s.trim_matches(functions::TRIMMED).into())),
        Function::StartsWith | Function::EndsWith => {
            let (Some(subject), Some(part)) = (text(arg(0)), text(arg(1))) else { return Value::Nil };
            let ci = matches!(arg(0), Value::CiString(_)) || matches!(arg(1), Value::CiString(_));
            let (subject, part) = if ci { (fold(&subject), fold(&part)) } else { (subject, part) };
            let starts = function == Function::StartsWith;
            Value::Bool(if starts { subject.starts_with(&part) } else { subject.ends_with(&part) })
        }
        Function::Rem => match (arg(0), arg(1)) {
            (Value::Int(a), Value::Int(b)) => a.checked_rem(*b).map_or(Value::Nil, Value::Int),
            _ => Value::Nil,
        },
        Function::IsDistinctFrom => Value::Bool(match (arg(0), arg(1)) {
            (Value::Nil, Value::Nil) => false,
            (Value::Nil, _) | (_, Value::Nil) => true,
            (a, b) => a.compare(b) != Some(Ordering::Equal),
        }),
        Function::CountNils => Value::Int(args.iter().filter(|a| a.is_nil()).count() as i64),
        Function::Now => Value::DateTime(Utc::now()),
        Function::Today => Value::Date(Utc::now().date_naive()),
        Function::StringPosition => {
            let (Some(subject), Some(part)) = (text(arg(0)), text(arg(1))) else { return Value::Nil };
            let ci = matches!(arg(0), Value::CiString(_)) || matches!(arg(1), Value::CiString(_));
            let (subject, part) = if ci { (fold(&subject), fold(&part)) } else { (subject, part) };
            subject.find(&part).map_or(Value::Nil, |at| Value::Int(subject[..at].chars().count() as i64))
        }
        Function::StringSplit => {
            let Some(subject) = text(arg(0)) else { return Value::Nil };
            let delimiter = if args.len() > 1 { text(arg(1)) } else { Some(" ".to_string()) };
            match delimiter {
                Some(delimiter) if !delimiter.is_empty() => Value::Json(serde_json::Value::Array(
                    subject.split(delimiter.as_str()).map(|part| serde_json::Value::String(part.into())).collect(),
                )),
                _ => Value::Nil,
            }
        }
        Function::Round => {
            let precision = match (args.len(), arg(1)) {
                (1, _) => 0,
                (_, Value::Int(p)) => (*p).clamp(0, 28),
                _ => return Value::Nil,
            };
            match arg(0) {
                Value::Int(i) => Value::Int(*i),
                Value::Float(f) => {
                    let factor = 10f64.powi(precision.min(15) as i32);
                    let rounded = (f * factor).round() / factor;
                    if rounded.is_finite() { Value::Float(rounded) } else { Value::Float(*f) }
                }
                Value::Decimal(d) => Value::Decimal(
                    d.round_dp_with_strategy(precision as u32, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                        .normalize(),
                ),
                _ => Value::Nil,
            }
        }
        Function::At => {
            let (Value::Json(serde_json::Value::Array(items)), Value::Int(i)) = (arg(0), arg(1)) else {
                return Value::Nil;
            };
            let at = if *i < 0 { items.len() as i64 + i } else { *i };
            usize::try_from(at).ok().and_then(|at| items.get(at)).map_or(Value::Nil, functions::from_json)
        }
        Function::GetPath => {
            let Value::Json(root) = arg(0) else { return Value::Nil };
            let mut current = root;
            for key in &args[1..] {
                let Some(key) = text(key) else { return Value::Nil };
                match current {
                    serde_json::Value::Object(map) => match map.get(&key) {
                        Some(next) => current = next,
                        None => return Value::Nil,
                    },
                    _ => return Value::Nil,
                }
            }
            if !matches!(arg(0), Value::Json(serde_json::Value::Object(_))) {
                return Value::Nil;
            }
            functions::from_json(current)
        }
        Function::Ago | Function::FromNow | Function::DatetimeAdd => {
            let (dt, n, unit) = match function {
                Function::DatetimeAdd => (datetime_of(arg(0)), arg(1), arg(2)),
                _ => (Some(functions::to_micros(Utc::now())), arg(0), arg(1)),
            };
            let (Some(dt), Value::Int(n), Some(unit)) = (dt, n, unit_of(unit)) else { return Value::Nil };
            let n = if function == Function::Ago { n.checked_neg() } else { Some(*n) };
            n.and_then(|n| functions::datetime_add(dt, n, unit)).map_or(Value::Nil, Value::DateTime)
        }
        Function::DateAdd => {
            let (Some(date), Value::Int(n), Some(unit)) = (date_of(arg(0)), arg(1), unit_of(arg(2))) else {
                return Value::Nil;
            };
            functions::date_add(date, *n, unit).map_or(Value::Nil, Value::Date)
        }
        Function::StartOfDay => match arg(0) {
            Value::Date(d) => Value::DateTime(functions::date_start(*d)),
            other => match datetime_of(other).or_else(|| date_of(other).map(functions::date_start)) {
                Some(dt) => Value::DateTime(functions::start_of_day(dt)),
                None => Value::Nil,
            },
        },
        // Evaluated before the call (it fails).
        Function::Error => Value::Nil,
    }
}
