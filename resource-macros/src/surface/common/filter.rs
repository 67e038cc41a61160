//! Filter expressions: `expr(admin == true && !is_nil(email) || name == ^rust_value)`.
//!
//! Identifiers are field references, `^expr` pins a Rust value, and the
//! operators bind as in Rust: comparison, then `&&` (`and`), then `||` (`or`).

use proc_macro2::{Spacing, TokenStream, TokenTree};
use syn::buffer::Cursor;
use syn::parse::ParseStream;
use syn::{Expr, Ident, Lit, LitFloat, LitInt, Result, Token, parenthesized};

use crate::model::{FilterExpr, FilterOp};

/// `expr(..)` (or `expr!(..)`), as the value of a `filter` option.
pub fn parse_filter_call(input: ParseStream) -> Result<FilterExpr> {
    let name: Ident = input.parse()?;
    if name != "expr" {
        return Err(syn::Error::new(name.span(), "expected `expr(..)`"));
    }
    input.parse::<Option<Token![!]>>()?;
    let content;
    parenthesized!(content in input);
    parse_filter(&content)
}

/// A whole filter expression, up to the end of `input`.
pub fn parse_filter(input: ParseStream) -> Result<FilterExpr> {
    if input.is_empty() {
        return Err(input.error("expected a filter expression"));
    }
    let expr = or(input)?;
    if !input.is_empty() {
        return Err(input.error("expected an operator: `==`, `!=`, `<`, `<=`, `>`, `>=`, `&&` or `||`"));
    }
    Ok(expr)
}

fn or(input: ParseStream) -> Result<FilterExpr> {
    let mut left = and(input)?;
    while eat_logical(input, FilterOp::Or)? {
        left = FilterExpr::Binary(FilterOp::Or, Box::new(left), Box::new(and(input)?));
    }
    Ok(left)
}

fn and(input: ParseStream) -> Result<FilterExpr> {
    let mut left = comparison(input)?;
    while eat_logical(input, FilterOp::And)? {
        left = FilterExpr::Binary(FilterOp::And, Box::new(left), Box::new(comparison(input)?));
    }
    Ok(left)
}

/// Consumes `&&`/`and` (for `And`) or `||`/`or` (for `Or`) if next.
fn eat_logical(input: ParseStream, op: FilterOp) -> Result<bool> {
    let word = match op {
        FilterOp::And if input.peek(Token![&&]) => return input.parse::<Token![&&]>().map(|_| true),
        FilterOp::Or if input.peek(Token![||]) => return input.parse::<Token![||]>().map(|_| true),
        FilterOp::And => "and",
        _ => "or",
    };
    if input.peek(Ident) && input.fork().parse::<Ident>()? == word {
        input.parse::<Ident>()?;
        return Ok(true);
    }
    Ok(false)
}

/// `a == b`; like Rust, comparisons do not chain.
fn comparison(input: ParseStream) -> Result<FilterExpr> {
    let left = unary(input)?;
    let Some(op) = comparison_op(input)? else { return Ok(left) };
    let right = unary(input)?;
    if comparison_op(&input.fork())?.is_some() {
        return Err(input.error("comparison operators cannot be chained; join the comparisons with `&&`"));
    }
    Ok(FilterExpr::Binary(op, Box::new(left), Box::new(right)))
}

/// Consumes a comparison operator if one is next.
fn comparison_op(input: ParseStream) -> Result<Option<FilterOp>> {
    // Longer operators first: `<` would match the start of `<=`.
    macro_rules! ops {
        ($($token:tt => $op:expr),*) => {
            $(if input.peek(Token![$token]) {
                input.parse::<Token![$token]>()?;
                return Ok(Some($op));
            })*
        };
    }
    ops!(== => FilterOp::Eq, != => FilterOp::NotEq, <= => FilterOp::Le, >= => FilterOp::Ge,
         < => FilterOp::Lt, > => FilterOp::Gt);
    Ok(None)
}

fn unary(input: ParseStream) -> Result<FilterExpr> {
    if input.peek(Token![!]) && !input.peek(Token![!=]) {
        input.parse::<Token![!]>()?;
        return Ok(FilterExpr::Not(Box::new(unary(input)?)));
    }
    primary(input)
}

fn primary(input: ParseStream) -> Result<FilterExpr> {
    if input.peek(syn::token::Paren) {
        let content;
        parenthesized!(content in input);
        return parse_filter(&content);
    }
    if input.peek(Token![^]) {
        return pinned(input).map(FilterExpr::Pinned);
    }
    if input.peek(Token![-]) && (input.peek2(LitInt) || input.peek2(LitFloat)) {
        // A negative number is a value, not a literal token.
        let minus: Token![-] = input.parse()?;
        let literal: Lit = input.parse()?;
        return Ok(FilterExpr::Pinned(syn::parse_quote!(#minus #literal)));
    }
    if input.peek(Lit) {
        return Ok(FilterExpr::Lit(input.parse()?));
    }
    if input.peek(Ident) {
        let name: Ident = input.parse()?;
        if !input.peek(syn::token::Paren) {
            return Ok(FilterExpr::Field(name));
        }
        if name != "is_nil" {
            return Err(syn::Error::new(
                name.span(),
                format_args!("unknown function `{name}` in a filter; the functions are: `is_nil`"),
            ));
        }
        let content;
        parenthesized!(content in input);
        return Ok(FilterExpr::IsNil(Box::new(parse_filter(&content)?)));
    }
    Err(input.error("expected a field, a literal, `^value`, `!`, `is_nil(..)` or `(`"))
}

/// `^expr`: the Rust tokens up to the next filter operator.
fn pinned(input: ParseStream) -> Result<Expr> {
    let caret: Token![^] = input.parse()?;
    let tokens = input.step(|cursor| {
        let mut tokens = TokenStream::new();
        let mut rest = *cursor;
        let mut turbofish_depth = 0usize;
        let mut after_path_separator = false;
        while let Some((tree, next)) = rest.token_tree() {
            let punct = match &tree {
                TokenTree::Punct(punct) => Some(punct.as_char()),
                _ => None,
            };
            // `::<` opens generic arguments, whose `<` and `>` are no comparisons.
            let opens_generics = after_path_separator && punct == Some('<');
            if turbofish_depth == 0 && !opens_generics && starts_filter_operator(rest) {
                break;
            }
            match punct {
                Some('<') if opens_generics || turbofish_depth > 0 => turbofish_depth += 1,
                Some('>') if turbofish_depth > 0 => turbofish_depth -= 1,
                _ => {}
            }
            after_path_separator =
                matches!(&tree, TokenTree::Punct(p) if p.as_char() == ':' && p.spacing() == Spacing::Alone);
            tokens.extend([tree]);
            rest = next;
        }
        Ok((tokens, rest))
    })?;
    if tokens.is_empty() {
        return Err(syn::Error::new(caret.span, "expected a Rust value after `^`"));
    }
    syn::parse2(tokens)
}

/// Whether a comparison, `&&`, `||`, `and`, `or` or `,` starts at `cursor`.
fn starts_filter_operator(cursor: Cursor) -> bool {
    if let Some((ident, _)) = cursor.ident() {
        return ident == "and" || ident == "or";
    }
    let Some((first, rest)) = cursor.punct() else { return false };
    let second = rest.punct().filter(|_| first.spacing() == Spacing::Joint).map(|(punct, _)| punct.as_char());
    matches!(
        (first.as_char(), second),
        ('<' | '>' | ',', _) | ('=' | '!', Some('=')) | ('&', Some('&')) | ('|', Some('|'))
    )
}
