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

use super::filter_types::{Checked, Gives, Operand, Want, against, against_list, declared, kind_of};
use super::{strip_parens, unraw};
use crate::model::{FilterExpr, FilterFn, FilterOp};

/// An expression of type `::resource::__private::Expr` in the declaration
/// of `resource`, naming its fields by name. Paths and `exists` go through
/// the field handles (`<Ticket as ResourceFields>::fields().representative.fields().name`),
/// so rustc checks the names on the other resources.
pub(crate) fn expr(filter: &FilterExpr, resource: &Ident) -> TokenStream {
    let root = quote!(<#resource as ::resource::__private::ResourceFields>::fields());
    Generator { fields: Fields::ByName(root), outer: None }.expr(filter)
}

/// An expression over the fields of the struct `fields` gives (an
/// aggregate's filter, over `<Ticket as ResourceFields>::fields()`): every
/// name goes through a field handle, so rustc checks them. `parent(..)`
/// names fields of `outer` (the aggregate's resource) by name.
pub(crate) fn typed_expr(filter: &FilterExpr, fields: TokenStream, outer: &Ident) -> TokenStream {
    let root = quote!(<#outer as ::resource::__private::ResourceFields>::fields());
    let outer = Generator { fields: Fields::ByName(root), outer: None };
    Generator { fields: Fields::Typed(fields), outer: Some(&outer) }.expr(filter)
}

/// `expr!(..)`: a closure from the resource's field struct to the `Expr`,
/// `|__fields| -> Expr { .. }`. `Query::filter` (and `Expr::of::<R>`) give
/// rustc the closure's argument type, `&R::Fields`.
pub(crate) fn closure(filter: &FilterExpr) -> TokenStream {
    // Mixed-site hygiene: the user's tokens cannot see (or shadow) it.
    let fields = Ident::new("__fields", Span::mixed_site());
    let body = Generator { fields: Fields::Typed(fields.to_token_stream()), outer: None }.expr(filter);
    quote!(|#fields| -> ::resource::__private::Expr { #body })
}

/// The check that calculation `name` of `resource`, declared `ty`, is given
/// a value of its type by `filter` (where the expression's shape tells).
pub(crate) fn calculation_check(filter: &FilterExpr, ty: &syn::Type, name: &str, resource: &Ident) -> TokenStream {
    let root = quote!(<#resource as ::resource::__private::ResourceFields>::fields());
    let generator = Generator { fields: Fields::ByName(root), outer: None };
    match (generator.gives(filter), first_span(filter)) {
        (Some(gives), Some(span)) => declared(name, ty, gives, span),
        _ => TokenStream::new(),
    }
}

/// The span of the first token of an expression with one.
fn first_span(filter: &FilterExpr) -> Option<Span> {
    match filter {
        FilterExpr::Field(ident) => Some(ident.span()),
        FilterExpr::Path(names) | FilterExpr::Exists(names, ..) => names.first().map(Ident::span),
        FilterExpr::Lit(lit) => Some(lit.span()),
        FilterExpr::Nil(span)
        | FilterExpr::List(_, span)
        | FilterExpr::Call(_, span, _)
        | FilterExpr::Parent(_, span) => Some(*span),
        FilterExpr::Pinned(value) => Some(value.span()),
        FilterExpr::Fragment(sql, _) => Some(sql.span()),
        FilterExpr::Not(inner) | FilterExpr::Neg(inner) | FilterExpr::IsNil(inner) => first_span(inner),
        FilterExpr::Binary(_, left, _) | FilterExpr::In(left, _) => first_span(left),
    }
}

/// How the generated code names fields.
enum Fields {
    /// By name (`Expr::field("status")`); the tokens give the resource's
    /// field struct for paths.
    ByName(TokenStream),
    /// Through the field struct these tokens give (`__fields`, or
    /// `__fields.tickets.fields()` inside `exists`).
    Typed(TokenStream),
}

impl Fields {
    fn root(&self) -> &TokenStream {
        match self {
            Fields::ByName(root) | Fields::Typed(root) => root,
        }
    }
}

struct Generator<'g> {
    fields: Fields,
    /// The generator of the record outside the `exists` (or aggregate
    /// filter) being generated: what `parent(..)` names.
    outer: Option<&'g Generator<'g>>,
}

impl Generator<'_> {
    /// `root.a.fields().b.fields()`: the field struct at the end of a relationship path.
    fn follow(&self, path: &[Ident]) -> TokenStream {
        let root = self.fields.root();
        let steps = path.iter().map(|rel| quote_spanned!(rel.span()=> .#rel.fields()));
        quote!(#root #(#steps)*)
    }

    /// `&root.first`: the handle of a path's first step (a relationship or
    /// an embedded attribute), whose `PathStart` impl builds the path.
    fn start(&self, path: &[Ident]) -> TokenStream {
        let root = self.fields.root();
        let first = &path[0];
        quote_spanned!(first.span()=> &#root.#first)
    }

    fn expr(&self, filter: &FilterExpr) -> TokenStream {
        match filter {
            FilterExpr::Field(ident) => match &self.fields {
                Fields::Typed(fields) => {
                    quote_spanned!(ident.span()=> ::resource::__private::Expr::from(#fields.#ident))
                }
                Fields::ByName(_) => {
                    let name = unraw(ident);
                    quote!(::resource::__private::Expr::field(#name))
                }
            },
            FilterExpr::Path(names) => {
                let (field, path) = names.split_last().expect("a path has at least two names");
                let chain = self.follow(path);
                let start = self.start(path);
                let path = super::str_slice(path);
                // The first step's handle decides: a relationship or an embed.
                quote_spanned! {field.span()=>
                    ::resource::__private::PathStart::path(#start, #path, #chain.#field.name)
                }
            }
            FilterExpr::Exists(path, filter, _) => {
                let inner = filter.as_ref().map(|filter| {
                    Generator { fields: Fields::Typed(self.follow(path)), outer: Some(self) }.expr(filter)
                });
                let inner = super::some(inner);
                let chain = self.follow(path);
                let start = self.start(path);
                let path = super::str_slice(path);
                // The path is checked even without a filter.
                quote!({
                    let _ = #chain;
                    ::resource::__private::PathStart::exists(#start, #path, #inner)
                })
            }
            FilterExpr::Parent(inner, span) => match self.outer {
                Some(outer) => {
                    let inner = outer.expr(inner);
                    quote!(::resource::__private::Expr::parent(#inner))
                }
                None => {
                    let message = "`parent(..)` names a field of the record outside an `exists(..)` (or an \
                                   aggregate's filter), and is used outside of one";
                    quote_spanned!(*span=> ::core::compile_error!(#message))
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
            FilterExpr::Binary(op, left, right) => self.binary(*op, left, right),
            FilterExpr::In(left, list) => self.in_list(left, list),
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

    /// What `filter_types` checks an operand as: a field through its handle,
    /// a literal, a pin.
    fn operand<'f>(&self, filter: &'f FilterExpr) -> Operand<'f> {
        match filter {
            FilterExpr::Field(ident) => {
                let root = self.fields.root();
                let handle = quote_spanned!(ident.span()=> #root.#ident);
                Operand::Field { name: unraw(ident), handle, span: ident.span() }
            }
            FilterExpr::Path(names) => {
                let (field, path) = names.split_last().expect("a path has at least two names");
                let chain = self.follow(path);
                let handle = quote_spanned!(field.span()=> #chain.#field);
                let name = names.iter().map(unraw).collect::<Vec<_>>().join(".");
                Operand::Field { name, handle, span: field.span() }
            }
            FilterExpr::Lit(lit) => Operand::Lit(lit),
            FilterExpr::Pinned(value) => Operand::Pin(strip_parens(value)),
            _ => Operand::Other,
        }
    }

    /// What `filter` gives, where its shape tells: a field's value, a boolean
    /// (comparisons, `not`, `like`, ..), a string, a number, a date.
    fn gives(&self, filter: &FilterExpr) -> Option<Gives> {
        use FilterFn as F;
        let boolean = || Some(Gives::kind("a boolean", "Bool"));
        let string = || Some(Gives::kind("a string", "Text"));
        match filter {
            FilterExpr::Field(_) | FilterExpr::Path(_) => match self.operand(filter) {
                Operand::Field { name, handle, .. } => Some(Gives::Field { name, handle }),
                _ => None,
            },
            FilterExpr::Lit(lit) => Gives::of_literal(lit),
            FilterExpr::Not(_) | FilterExpr::IsNil(_) | FilterExpr::In(..) | FilterExpr::Exists(..) => boolean(),
            FilterExpr::Neg(_) => Some(Gives::Number),
            FilterExpr::Binary(op, ..) => match op {
                FilterOp::Add | FilterOp::Sub | FilterOp::Mul | FilterOp::Div => Some(Gives::Number),
                FilterOp::Concat => string(),
                // Ash's `and` / `or` give one of their operands (`nickname || "anon"`).
                FilterOp::And | FilterOp::Or => None,
                _ => boolean(),
            },
            FilterExpr::Call(function, ..) => match function {
                F::Like | F::ILike | F::Contains | F::StartsWith | F::EndsWith | F::IsDistinctFrom => boolean(),
                F::Lower | F::Upper | F::Trim | F::StringJoin | F::Concat => string(),
                F::Length | F::StringPosition | F::CountNils => Some(Gives::kind("an integer", "Integer")),
                F::Now | F::Ago | F::FromNow | F::DatetimeAdd | F::StartOfDay => {
                    Some(Gives::kind("a datetime", "DateTime"))
                }
                F::Today | F::DateAdd => Some(Gives::kind("a date", "Date")),
                F::Rem | F::Round => Some(Gives::Number),
                _ => None,
            },
            _ => None,
        }
    }

    /// `left op right`, with the checks of its operands' types.
    fn binary(&self, op: FilterOp, left: &FilterExpr, right: &FilterExpr) -> TokenStream {
        let (mut l, mut r) = (self.expr(left), self.expr(right));
        let mut checks = Checks::default();
        let (lo, ro) = (self.operand(left), self.operand(right));
        match op {
            FilterOp::Eq | FilterOp::NotEq | FilterOp::Lt | FilterOp::Le | FilterOp::Gt | FilterOp::Ge => {
                if let Operand::Field { name, handle, .. } = &lo {
                    checks.add(against(name, handle, &ro), &mut r);
                } else if let Operand::Field { name, handle, .. } = &ro {
                    checks.add(against(name, handle, &lo), &mut l);
                }
            }
            FilterOp::Add | FilterOp::Sub | FilterOp::Mul | FilterOp::Div => {
                let symbol = op_symbol(op);
                checks.add(kind_of(&lo, Want::Number(symbol)), &mut l);
                checks.add(kind_of(&ro, Want::Number(symbol)), &mut r);
            }
            FilterOp::And | FilterOp::Or | FilterOp::Concat => {}
        }
        let op = Ident::new(op_name(op), Span::call_site());
        checks.around(quote!(::resource::__private::Expr::binary(::resource::__private::BinaryOp::#op, #l, #r)))
    }

    /// `left in [..]` / `left in ^list`, each item checked against a field on the left.
    fn in_list(&self, left: &FilterExpr, list: &FilterExpr) -> TokenStream {
        let l = self.expr(left);
        let mut checks = Checks::default();
        let items = match (self.operand(left), list) {
            (Operand::Field { name, handle, .. }, FilterExpr::List(items, _)) => {
                let items = items.iter().map(|item| {
                    let mut tokens = self.expr(item);
                    checks.add(against(&name, &handle, &self.operand(item)), &mut tokens);
                    tokens
                });
                super::vec_of(items.collect::<Vec<_>>())
            }
            (Operand::Field { name, handle, .. }, FilterExpr::Pinned(value)) => {
                against_list(&name, &handle, strip_parens(value))
            }
            _ => self.list(list),
        };
        checks.around(quote!(::resource::__private::Expr::in_list(#l, #items)))
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
            FilterFn::CountNils => {
                let items = args.first().map(|list| self.list(list));
                quote!(::resource::__private::Expr::call(::resource::__private::Function::CountNils, #items))
            }
            FilterFn::GetPath => {
                let json = arg(0);
                let keys = args.get(1).map(|list| self.list(list));
                quote!(::resource::__private::Expr::call(
                    ::resource::__private::Function::GetPath,
                    ::std::iter::once(#json).chain(#keys).collect(),
                ))
            }
            FilterFn::StringJoin => {
                let items = args.first().map(|list| self.list(list));
                let separator = arg(1).unwrap_or_else(|| quote!(::resource::__private::Expr::value("")));
                quote!(::resource::__private::Expr::string_join(#items, #separator))
            }
            _ => {
                let name = Ident::new(function_name(function), Span::call_site());
                let mut checks = Checks::default();
                let args: Vec<TokenStream> = args
                    .iter()
                    .enumerate()
                    .map(|(i, arg)| {
                        let mut tokens = self.expr(arg);
                        if let Some(want) = argument_type(function, i) {
                            checks.add(kind_of(&self.operand(arg), want), &mut tokens);
                        }
                        tokens
                    })
                    .collect();
                let args = super::vec_of(args);
                checks.around(quote!(::resource::__private::Expr::call(::resource::__private::Function::#name, #args)))
            }
        }
    }
}

/// The checks of one node's operands, run before the node is built.
#[derive(Default)]
struct Checks(Vec<TokenStream>);

impl Checks {
    /// A statement joins the checks; a checked pin replaces the operand's tokens.
    fn add(&mut self, checked: Option<Checked>, operand: &mut TokenStream) {
        match checked {
            Some(Checked::Statement(check)) => self.0.push(check),
            Some(Checked::Pinned(expr)) => *operand = expr,
            None => {}
        }
    }

    fn around(self, expr: TokenStream) -> TokenStream {
        if self.0.is_empty() {
            return expr;
        }
        let checks = self.0;
        quote!({ #(#checks)* #expr })
    }
}

/// What argument `i` of `function` must be, where the types say: the string
/// functions take strings (the first two arguments where they have two),
/// `rem` and `round` numbers.
fn argument_type(function: FilterFn, i: usize) -> Option<Want> {
    let name = match function {
        FilterFn::Like => "like",
        FilterFn::ILike => "ilike",
        FilterFn::Contains => "contains",
        FilterFn::StartsWith => "string_starts_with",
        FilterFn::EndsWith => "string_ends_with",
        FilterFn::StringPosition => "string_position",
        FilterFn::StringSplit => "string_split",
        FilterFn::Lower => "lower",
        FilterFn::Upper => "upper",
        FilterFn::Length => "string_length",
        FilterFn::Trim => "string_trim",
        FilterFn::Rem if i < 2 => return Some(Want::Number("rem")),
        FilterFn::Round if i == 0 => return Some(Want::Number("round")),
        _ => return None,
    };
    (i < 2).then_some(Want::Text(name))
}

fn op_symbol(op: FilterOp) -> &'static str {
    match op {
        FilterOp::Add => "+",
        FilterOp::Sub => "-",
        FilterOp::Mul => "*",
        FilterOp::Div => "/",
        _ => "",
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
        FilterFn::Trim => "Trim",
        FilterFn::StartsWith => "StartsWith",
        FilterFn::EndsWith => "EndsWith",
        FilterFn::Rem => "Rem",
        FilterFn::IsDistinctFrom => "IsDistinctFrom",
        FilterFn::CountNils => "CountNils",
        FilterFn::If => "If",
        FilterFn::Now => "Now",
        FilterFn::Today => "Today",
        FilterFn::StringPosition => "StringPosition",
        FilterFn::StringSplit => "StringSplit",
        FilterFn::Round => "Round",
        FilterFn::At => "At",
        FilterFn::GetPath => "GetPath",
        // The parser makes `minus(x)` a `Neg`.
        FilterFn::Minus => "Minus",
        FilterFn::Ago => "Ago",
        FilterFn::FromNow => "FromNow",
        FilterFn::DatetimeAdd => "DatetimeAdd",
        FilterFn::DateAdd => "DateAdd",
        FilterFn::StartOfDay => "StartOfDay",
        FilterFn::Error => "Error",
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
