//! Expressions (`filter: expr(status == "open" and owner == ^owner_id)`,
//! `expr!(price < 1)`) turned into code that builds the runtime's `Expr` tree.
//!
//! Two ways to name a field:
//! - by name, `Expr::field("status")`, where the validator has checked the
//!   names against the attributes (read filters in the resource declaration);
//! - through the resource's field struct, `Expr::from(__fields.status)`, in
//!   the closure `expr!` expands to: rustc checks the name, at the user's
//!   token (`no field `statsu` on type `&TicketFields``).

use proc_macro2::{Literal, Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, Lit};

use super::{strip_parens, unraw};
use crate::model::{FilterExpr, FilterFn, FilterOp};

/// An expression of type `::resource::__private::Expr`, naming fields by name.
pub(crate) fn expr(filter: &FilterExpr) -> TokenStream {
    Generator { fields: None }.expr(filter)
}

/// `expr!(..)`: a closure from the resource's field struct to the `Expr`,
/// `|__fields| -> Expr { .. }`. `Query::filter` (and `Expr::of::<R>`) give
/// rustc the closure's argument type, `&R::Fields`.
pub(crate) fn closure(filter: &FilterExpr) -> TokenStream {
    // Mixed-site hygiene: the user's tokens cannot see (or shadow) it.
    let fields = Ident::new("__fields", Span::mixed_site());
    let body = Generator { fields: Some(fields.clone()) }.expr(filter);
    quote!(|#fields| -> ::resource::__private::Expr { #body })
}

struct Generator {
    /// The closure argument holding the field struct; `None`: fields by name.
    fields: Option<Ident>,
}

impl Generator {
    fn expr(&self, filter: &FilterExpr) -> TokenStream {
        match filter {
            FilterExpr::Field(ident) => match &self.fields {
                Some(fields) => quote_spanned!(ident.span()=> ::resource::__private::Expr::from(#fields.#ident)),
                None => {
                    let name = unraw(ident);
                    quote!(::resource::__private::Expr::field(#name))
                }
            },
            FilterExpr::Lit(lit) => literal(lit),
            FilterExpr::Nil(_) => quote!(::resource::__private::Expr::nil()),
            FilterExpr::Pinned(value) => {
                let value = strip_parens(value);
                quote_spanned!(value.span()=> ::resource::__private::Expr::value(#value))
            }
            FilterExpr::Not(inner) => {
                let inner = self.expr(inner);
                quote!(::resource::__private::Expr::Not(::std::boxed::Box::new(#inner)))
            }
            FilterExpr::Neg(inner) => {
                let inner = self.expr(inner);
                quote!(::resource::__private::Expr::binary(
                    ::resource::__private::BinaryOp::Sub,
                    ::resource::__private::Expr::value(0),
                    #inner
                ))
            }
            FilterExpr::IsNil(inner) => {
                let inner = self.expr(inner);
                quote!(::resource::__private::Expr::IsNil(::std::boxed::Box::new(#inner)))
            }
            FilterExpr::Binary(op, left, right) => {
                let op = Ident::new(op_name(*op), Span::call_site());
                let (left, right) = (self.expr(left), self.expr(right));
                quote!(::resource::__private::Expr::binary(::resource::__private::BinaryOp::#op, #left, #right))
            }
            FilterExpr::In(left, list) => {
                let (left, items) = (self.expr(left), self.list(list));
                quote!(::resource::__private::Expr::in_list(#left, #items))
            }
            FilterExpr::List(_, span) => {
                let message = "a list `[..]` can only follow `in` or be the first argument of `string_join`";
                quote_spanned!(*span=> ::core::compile_error!(#message))
            }
            FilterExpr::Call(function, _, args) => self.call(*function, args),
            FilterExpr::Fragment(sql, args) => {
                let args = super::vec_of(args.iter().map(|arg| self.expr(arg)));
                quote!(::resource::__private::Expr::fragment(#sql, #args))
            }
        }
    }

    /// A `Vec<Expr>` from a `[..]` list or a pinned Rust list (`Expr::values`).
    fn list(&self, list: &FilterExpr) -> TokenStream {
        match list {
            FilterExpr::List(items, _) => super::vec_of(items.iter().map(|item| self.expr(item))),
            FilterExpr::Pinned(value) => {
                let value = strip_parens(value);
                quote_spanned!(value.span()=> ::resource::__private::Expr::values(#value))
            }
            // The parser allows nothing else here.
            other => {
                let item = self.expr(other);
                quote!(::std::vec::Vec::from([#item]))
            }
        }
    }

    fn call(&self, function: FilterFn, args: &[FilterExpr]) -> TokenStream {
        let arg = |i: usize| args.get(i).map(|arg| self.expr(arg));
        match function {
            FilterFn::If => {
                let (cond, then) = (arg(0), arg(1));
                let otherwise = arg(2).unwrap_or_else(|| quote!(::resource::__private::Expr::nil()));
                quote!(::resource::__private::Expr::if_else(#cond, #then, #otherwise))
            }
            FilterFn::StringJoin => {
                let items = args.first().map(|list| self.list(list));
                let separator = arg(1).unwrap_or_else(|| quote!(::resource::__private::Expr::value("")));
                quote!(::resource::__private::Expr::string_join(#items, #separator))
            }
            _ => {
                let name = Ident::new(function_name(function), Span::call_site());
                let args = super::vec_of(args.iter().map(|arg| self.expr(arg)));
                quote!(::resource::__private::Expr::call(::resource::__private::Function::#name, #args))
            }
        }
    }
}

fn op_name(op: FilterOp) -> &'static str {
    match op {
        FilterOp::Eq => "Eq",
        FilterOp::NotEq => "NotEq",
        FilterOp::Lt => "Lt",
        FilterOp::Le => "Le",
        FilterOp::Gt => "Gt",
        FilterOp::Ge => "Ge",
        FilterOp::And => "And",
        FilterOp::Or => "Or",
        FilterOp::Add => "Add",
        FilterOp::Sub => "Sub",
        FilterOp::Mul => "Mul",
        FilterOp::Div => "Div",
        FilterOp::Concat => "Concat",
    }
}

/// The runtime's `Function` variant (`If` and `StringJoin` have constructors of their own).
fn function_name(function: FilterFn) -> &'static str {
    match function {
        FilterFn::Like => "Like",
        FilterFn::ILike => "ILike",
        FilterFn::Contains => "Contains",
        FilterFn::Lower => "Lower",
        FilterFn::Upper => "Upper",
        FilterFn::Length => "Length",
        FilterFn::StringJoin => "StringJoin",
        FilterFn::Concat => "Concat",
        FilterFn::If => "If",
        FilterFn::Now => "Now",
        FilterFn::Today => "Today",
    }
}

/// A literal as a `Value` through the runtime's `From` impls: strings become
/// `Value::String`, integers `Value::Int`, floats `Value::Float`, booleans `Value::Bool`.
fn literal(lit: &Lit) -> TokenStream {
    let value = match lit {
        Lit::Str(s) => quote!(#s),
        Lit::Bool(b) => quote!(#b),
        Lit::Int(int) => match int.base10_parse::<i64>() {
            // `3` reads better than `3i64`; the suffix is only needed past `i32`.
            Ok(n) if i32::try_from(n).is_ok() => Literal::i64_unsuffixed(n).into_token_stream(),
            Ok(n) => Literal::i64_suffixed(n).into_token_stream(),
            Err(_) => return error(lit, "integer literal does not fit in an `i64`"),
        },
        Lit::Float(float) => match float.base10_parse::<f64>() {
            Ok(f) if f.is_finite() => Literal::f64_unsuffixed(f).into_token_stream(),
            _ => return error(lit, "float literal does not fit in an `f64`"),
        },
        _ => {
            return error(
                lit,
                "expressions take string, integer, float and boolean literals; pin other values with `^`",
            );
        }
    };
    quote!(::resource::__private::Expr::value(#value))
}

fn error(lit: &Lit, message: &str) -> TokenStream {
    quote_spanned!(lit.span()=> ::core::compile_error!(#message))
}
