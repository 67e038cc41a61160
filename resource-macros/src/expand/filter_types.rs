//! The type checks an expression's expansion carries: a field against the
//! literal, pinned value or field it is compared with, and the operands of
//! arithmetic and of the string functions.
//!
//! Each check is a block with a trait of its own, whose
//! `#[diagnostic::on_unimplemented]` message names the field (the macro
//! knows the name, rustc the type: `{Self}`), implemented for the Rust types
//! whose kinds meet: `expr_check!(__Check1a2b3c4d, "message", "label", compare Integer);`
//! (the runtime's macro, in its `lib.rs`, writes the trait and its blanket
//! impl, which is `#[diagnostic::do_not_recommend]`). It is called as
//! `<_ as __Check1a2b3c4d>::check(&field)`: rustc reports the check's trait,
//! once, at the user's literal or pin, with no note about the bounds under it.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::Lit;
use syn::spanned::Spanned;

/// An operand of a checked node.
pub(super) enum Operand<'a> {
    /// A field (or a path's last field) through its typed handle.
    Field { name: String, handle: TokenStream, span: Span },
    /// A literal.
    Lit(&'a Lit),
    /// `^value`, already stripped of parentheses.
    Pin(&'a syn::Expr),
    /// Anything else: not checked here.
    Other,
}

/// What a check asks of the types.
#[derive(Clone, Copy)]
pub(super) enum Want {
    /// `Numeric`, for the operator or function named.
    Number(&'static str),
    /// `Textual`, for the function named.
    Text(&'static str),
}

/// The result of a check: a statement to run before the node, or the
/// checked pin's `Expr` (or `Vec<Expr>`), which replaces the operand's tokens.
pub(super) enum Checked {
    Statement(TokenStream),
    Pinned(TokenStream),
}

fn private() -> TokenStream {
    quote!(::resource::__private)
}

/// The check's trait name: `__Check` and a hash of its message and bound.
/// Checks of one name are alike, so a type failing one fails them all, and
/// rustc never adds "`i64` implements similarly named trait ..." to a
/// message; and the name is the same on every expansion (FNV-1a, not a
/// counter), for snapshots and incremental builds.
fn trait_name(message: &str, bound: &TokenStream, span: Span) -> syn::Ident {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in message.bytes().chain(bound.to_string().bytes()) {
        hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
    }
    format_ident!("__Check{:08x}", hash, span = span)
}

/// `tokens` moved to `span`, keeping their hygiene: a declared type named
/// in a check, so that rustc points at the expression, not at the type.
fn located_at(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|token| match token {
            TokenTree::Group(group) => {
                let mut moved = proc_macro2::Group::new(group.delimiter(), located_at(group.stream(), span));
                moved.set_span(group.span().located_at(span));
                TokenTree::Group(moved)
            }
            mut token => {
                token.set_span(token.span().located_at(span));
                token
            }
        })
        .collect()
}

/// What an expression gives, as far as the macro can tell from its shape.
pub(super) enum Gives {
    /// The value of a field (or a path's last field).
    Field { name: String, handle: TokenStream },
    /// A value of a kind: its words in a message ("a boolean") and the
    /// kind's name in the runtime (`Bool`).
    Kind(&'static str, &'static str),
    /// A number (arithmetic: its kind depends on the operands).
    Number,
}

impl Gives {
    /// `Kind` of one of the runtime's kinds (`"Bool"`), with its words.
    pub(super) fn kind(what: &'static str, kind: &'static str) -> Gives {
        Gives::Kind(what, kind)
    }

    pub(super) fn of_literal(lit: &Lit) -> Option<Gives> {
        literal_kind(lit).map(|(what, kind)| Gives::Kind(what, kind))
    }
}

/// Checks that calculation `name`, declared `ty`, is given a value its type
/// takes; the error points at `span` (the start of the expression).
pub(super) fn declared(name: &str, ty: &syn::Type, gives: Gives, span: Span) -> TokenStream {
    let ty = located_at(quote!(#ty), span);
    let label = "the expression's type differs from the declared one";
    match gives {
        Gives::Field { name: field, handle } => {
            let message =
                format!("`{name}` is declared `{{Self}}`, but its expression gives `{field}`, of type `{{__A}}`");
            binary(&message, label, span, |t| quote_spanned!(span=> <#ty as #t<_>>::is(&#handle);))
        }
        Gives::Kind(what, kind) => {
            let message = format!("`{name}` is declared `{{Self}}`, but its expression gives {what}");
            unary_declared(&message, label, compare(kind), &ty, span)
        }
        Gives::Number => {
            let message = format!("`{name}` is declared `{{Self}}`, but its expression gives a number");
            unary_declared(&message, label, quote!(numeric), &ty, span)
        }
    }
}

/// Checks that `set_attribute(attribute, arg(argument))` copies a value the
/// attribute's type takes (`Option`s stripped: a nil argument is the
/// attribute's `allow_nil` to judge when the action runs). A constant item:
/// the change is a `static` description.
pub(super) fn copied(
    attribute: &str,
    attribute_ty: &syn::Type,
    argument: &syn::Ident,
    argument_ty: &syn::Type,
) -> TokenStream {
    let span = argument.span();
    let (to, from) = (super::value_type(attribute_ty), super::value_type(argument_ty));
    let (to, from) = (located_at(quote!(#to), span), located_at(quote!(#from), span));
    let argument = crate::naming::unraw(argument);
    let message = format!(
        "`{attribute}` has type `{{Self}}`, but `set_attribute` copies argument `{argument}`, of type `{{__A}}`, into it"
    );
    let label = format!("`{argument}` cannot become `{attribute}`");
    let check = binary(&message, &label, span, |t| quote_spanned!(span=> let _ = <#to as #t<#from>>::copy;));
    quote_spanned!(span=> const _: () = #check;)
}

fn unary_declared(message: &str, label: &str, bound: TokenStream, ty: &TokenStream, span: Span) -> TokenStream {
    match unary(message, label, bound, Subject::Type(ty), span) {
        Checked::Statement(check) | Checked::Pinned(check) => check,
    }
}

/// What a literal is, in a message ("an integer"), and its kind.
fn literal_kind(lit: &Lit) -> Option<(&'static str, &'static str)> {
    Some(match lit {
        Lit::Int(_) => ("an integer", "Integer"),
        Lit::Float(_) => ("a float", "Float"),
        Lit::Str(_) => ("a string", "Text"),
        Lit::Bool(_) => ("a boolean", "Bool"),
        _ => return None,
    })
}

/// `compare Integer`, `numeric`, `textual`: the bound of a one-type check,
/// as `expr_check!` (the runtime's `lib.rs`) takes it.
fn compare(kind: &str) -> TokenStream {
    let kind = syn::Ident::new(kind, Span::call_site());
    quote!(compare #kind)
}

/// A check of one type (a field's or a pin's): the trait `name`, for every
/// `T: ExprValue` whose kind satisfies `bound`, and its call on `subject`.
fn unary(message: &str, label: &str, bound: TokenStream, subject: Subject, span: Span) -> Checked {
    let p = private();
    let name = trait_name(message, &bound, span);
    let (call, wrap): (TokenStream, fn(TokenStream) -> Checked) = match subject {
        Subject::Field(handle) => (quote_spanned!(span=> <_ as #name>::check(&#handle);), Checked::Statement),
        Subject::Pin(value) => (quote_spanned!(span=> <_ as #name>::pin(#value)), Checked::Pinned),
        Subject::Type(ty) => (quote_spanned!(span=> <#ty as #name>::is();), Checked::Statement),
    };
    wrap(quote_spanned! {span=> {
        #p::expr_check!(#name, #message, #label, #bound);
        #call
    }})
}

enum Subject<'a> {
    Field(&'a TokenStream),
    Pin(&'a syn::Expr),
    /// A declared type (a calculation's).
    Type(&'a TokenStream),
}

/// A check of a field's type against another type `A` (a pin's, a pinned
/// list's items', another field's): `call` names the trait `name`.
fn binary(message: &str, label: &str, span: Span, call: impl FnOnce(&syn::Ident) -> TokenStream) -> TokenStream {
    let p = private();
    let name = trait_name(message, &quote!(binary), span);
    let call = call(&name);
    quote_spanned! {span=> {
        #p::expr_check!(#name, #message, #label, binary);
        #call
    }}
}

/// Checks field `name` (`handle`) against `other`, for `==`, `<`, `in`, ...
pub(super) fn against(name: &str, handle: &TokenStream, other: &Operand) -> Option<Checked> {
    let label = format!("not comparable with `{name}`");
    match other {
        Operand::Lit(lit) => {
            let (what, kind) = literal_kind(lit)?;
            let message = format!("`{name}` has type `{{Self}}`; it cannot be compared with {what}");
            Some(unary(&message, &label, compare(kind), Subject::Field(handle), lit.span()))
        }
        Operand::Pin(value) => {
            let span = value.span();
            let message = format!("`{name}` has type `{{Self}}`; it cannot be compared with `{{__A}}`");
            Some(Checked::Pinned(binary(
                &message,
                &label,
                span,
                |t| quote_spanned!(span=> <_ as #t<_>>::pin(&#handle, #value)),
            )))
        }
        Operand::Field { name: other, handle: other_handle, span } => {
            let span = *span;
            let message =
                format!("`{name}` has type `{{Self}}`; it cannot be compared with `{other}`, of type `{{__A}}`");
            Some(Checked::Statement(binary(
                &message,
                &label,
                span,
                |t| quote_spanned!(span=> <_ as #t<_>>::check(&#handle, &#other_handle);),
            )))
        }
        Operand::Other => None,
    }
}

/// The pinned list `value` checked item by item against field `name`,
/// turned into the `Vec<Expr>` of `in`.
pub(super) fn against_list(name: &str, handle: &TokenStream, value: &syn::Expr) -> TokenStream {
    let span = value.span();
    let message = format!("`{name}` has type `{{Self}}`; it cannot be compared with items of type `{{__A}}`");
    binary(
        &message,
        &format!("not comparable with `{name}`"),
        span,
        |t| quote_spanned!(span=> <_ as #t<_>>::pins(&#handle, #value)),
    )
}

/// Checks that `operand` is a number or a string, as `want` says: a field
/// or a pin through a trait, a literal by its token.
pub(super) fn kind_of(operand: &Operand, want: Want) -> Option<Checked> {
    let (takes, what, bound) = match want {
        Want::Number(op) => (op, "a number", quote!(numeric)),
        Want::Text(function) => (function, "a string", quote!(textual)),
    };
    let label = format!("not {what}");
    match operand {
        Operand::Field { name, handle, span } => {
            let message = format!("`{name}` has type `{{Self}}`; `{takes}` takes {what}");
            Some(unary(&message, &label, bound, Subject::Field(handle), *span))
        }
        Operand::Pin(value) => {
            let message = format!("`{takes}` takes {what}; this pinned value is a `{{Self}}`");
            Some(unary(&message, &label, bound, Subject::Pin(value), value.span()))
        }
        Operand::Lit(lit) => {
            let (is, _) = literal_kind(lit)?;
            let fits = match want {
                Want::Number(_) => matches!(lit, Lit::Int(_) | Lit::Float(_)),
                _ => matches!(lit, Lit::Str(_)),
            };
            (!fits).then(|| {
                let message = format!("`{takes}` takes {what}, and this is {is}");
                Checked::Statement(quote_spanned!(lit.span()=> ::core::compile_error!(#message);))
            })
        }
        Operand::Other => None,
    }
}
