//! Filter expressions (`filter: expr(status == "open" and owner == ^owner_id)`)
//! turned into code that builds the runtime's `Expr` tree.

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::Lit;
use syn::spanned::Spanned;

use super::{strip_parens, unraw};
use crate::model::{FilterExpr, FilterOp};

/// An expression of type `::resource::__private::Expr`.
pub(crate) fn expr(filter: &FilterExpr) -> TokenStream {
    match filter {
        FilterExpr::Field(ident) => {
            let name = unraw(ident);
            quote!(::resource::__private::Expr::field(#name))
        }
        FilterExpr::Lit(lit) => literal(lit),
        FilterExpr::Pinned(value) => {
            let value = strip_parens(value);
            quote_spanned!(value.span()=> ::resource::__private::Expr::value(#value))
        }
        FilterExpr::Not(inner) => {
            let inner = expr(inner);
            quote!(::resource::__private::Expr::Not(::std::boxed::Box::new(#inner)))
        }
        FilterExpr::IsNil(inner) => {
            let inner = expr(inner);
            quote!(::resource::__private::Expr::IsNil(::std::boxed::Box::new(#inner)))
        }
        FilterExpr::Binary(op, left, right) => {
            let op = match op {
                FilterOp::Eq => quote!(Eq),
                FilterOp::NotEq => quote!(NotEq),
                FilterOp::Lt => quote!(Lt),
                FilterOp::Le => quote!(Le),
                FilterOp::Gt => quote!(Gt),
                FilterOp::Ge => quote!(Ge),
                FilterOp::And => quote!(And),
                FilterOp::Or => quote!(Or),
            };
            let (left, right) = (expr(left), expr(right));
            quote!(::resource::__private::Expr::binary(::resource::__private::BinaryOp::#op, #left, #right))
        }
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
        _ => return error(lit, "filters take string, integer, float and boolean literals; pin other values with `^`"),
    };
    quote!(::resource::__private::Expr::value(#value))
}

fn error(lit: &Lit, message: &str) -> TokenStream {
    quote_spanned!(lit.span()=> ::core::compile_error!(#message))
}
