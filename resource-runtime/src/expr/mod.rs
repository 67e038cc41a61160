//! Expressions as data: the tree that filters (and later calculations) are
//! made of. Evaluated in memory here; the SQLite layer compiles the same tree
//! to SQL. Nil follows SQL's three-valued logic.

use std::cmp::Ordering;

use crate::info::ResourceInfo;
use crate::value::Value;

pub mod sql;

/// An expression over one record.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A literal or pinned value.
    Value(Value),
    /// A reference to an attribute by name.
    Ref(String),
    Not(Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    IsNil(Box<Expr>),
    In(Box<Expr>, Vec<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Eq,
    NotEq,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
}

impl Expr {
    pub fn field(name: impl Into<String>) -> Expr {
        Expr::Ref(name.into())
    }

    pub fn value(value: impl Into<Value>) -> Expr {
        Expr::Value(value.into())
    }

    pub fn binary(op: BinaryOp, left: Expr, right: Expr) -> Expr {
        Expr::Binary(op, Box::new(left), Box::new(right))
    }

    pub fn and(self, other: Expr) -> Expr {
        Expr::binary(BinaryOp::And, self, other)
    }

    pub fn or(self, other: Expr) -> Expr {
        Expr::binary(BinaryOp::Or, self, other)
    }

    /// Evaluates against a row of `resource`. Unknown references are nil.
    pub fn eval(&self, resource: &ResourceInfo, row: &[Value]) -> Value {
        match self {
            Expr::Value(v) => v.clone(),
            Expr::Ref(name) => resource.attribute_index(name).and_then(|i| row.get(i).cloned()).unwrap_or(Value::Nil),
            Expr::Not(e) => match e.eval(resource, row) {
                Value::Bool(b) => Value::Bool(!b),
                _ => Value::Nil,
            },
            Expr::IsNil(e) => Value::Bool(e.eval(resource, row).is_nil()),
            Expr::In(e, list) => {
                let v = e.eval(resource, row);
                if v.is_nil() {
                    return Value::Nil;
                }
                Value::Bool(list.iter().any(|item| v.loose_eq(&item.eval(resource, row))))
            }
            Expr::Binary(op, l, r) => eval_binary(*op, l, r, resource, row),
        }
    }

    /// True only when the expression evaluates to `true` (nil filters out).
    pub fn matches(&self, resource: &ResourceInfo, row: &[Value]) -> bool {
        matches!(self.eval(resource, row), Value::Bool(true))
    }
}

fn eval_binary(op: BinaryOp, l: &Expr, r: &Expr, resource: &ResourceInfo, row: &[Value]) -> Value {
    match op {
        BinaryOp::And => match (l.eval(resource, row), r.eval(resource, row)) {
            (Value::Bool(false), _) | (_, Value::Bool(false)) => Value::Bool(false),
            (Value::Bool(true), Value::Bool(true)) => Value::Bool(true),
            _ => Value::Nil,
        },
        BinaryOp::Or => match (l.eval(resource, row), r.eval(resource, row)) {
            (Value::Bool(true), _) | (_, Value::Bool(true)) => Value::Bool(true),
            (Value::Bool(false), Value::Bool(false)) => Value::Bool(false),
            _ => Value::Nil,
        },
        _ => {
            let (a, b) = (l.eval(resource, row), r.eval(resource, row));
            let Some(ordering) = a.compare(&b) else {
                return Value::Nil;
            };
            Value::Bool(match op {
                BinaryOp::Eq => ordering == Ordering::Equal,
                BinaryOp::NotEq => ordering != Ordering::Equal,
                BinaryOp::Lt => ordering == Ordering::Less,
                BinaryOp::Le => ordering != Ordering::Greater,
                BinaryOp::Gt => ordering == Ordering::Greater,
                BinaryOp::Ge => ordering != Ordering::Less,
                BinaryOp::And | BinaryOp::Or => unreachable!("handled above"),
            })
        }
    }
}
