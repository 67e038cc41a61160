//! The expression language of `expr!` and of `filter: expr(..)` (Ash's `expr`):
//!
//! ```text
//! price < 1 && like(name, "%an%") || status in [^Status::Open, "closed"]
//! ```
//!
//! Identifiers are field references, `^expr` pins a Rust value, `nil` is nil.
//! From the loosest binding to the tightest (as in Rust, with Elixir's `<>`
//! and `in` slotted in where Elixir has them):
//!
//! | level | operators |
//! |---|---|
//! | or | `\|\|`, `or` |
//! | and | `&&`, `and` |
//! | comparison (no chaining) | `==` `!=` `<` `<=` `>` `>=`, `in`, `not in` |
//! | concatenation | `<>` |
//! | additive | `+` `-` |
//! | multiplicative | `*` `/` |
//! | unary | `!`, `not`, `-` |
//!
//! Operands: literals, `nil`, `^value`, fields, `( .. )`, function calls
//! (`FUNCTIONS`, `is_nil`, `fragment`), and `if c { a } else { b }`.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::buffer::Cursor;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Expr, Ident, Lit, LitFloat, LitInt, LitStr, Result, Token, braced, bracketed, parenthesized};

mod calls;

use crate::model::{FilterExpr, FilterFn, FilterOp};
use calls::{call, check_arity};

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

/// A whole expression, up to the end of `input`.
pub fn parse_filter(input: ParseStream) -> Result<FilterExpr> {
    if input.is_empty() {
        return Err(input.error("expected an expression"));
    }
    let expr = or(input)?;
    if !input.is_empty() {
        return Err(input.error(
            "expected an operator: `==`, `!=`, `<`, `<=`, `>`, `>=`, `in`, `&&`, `||`, `+`, `-`, `*`, `/` or `<>`",
        ));
    }
    Ok(expr)
}

fn binary(op: FilterOp, left: FilterExpr, right: FilterExpr) -> FilterExpr {
    FilterExpr::Binary(op, Box::new(left), Box::new(right))
}

pub(super) fn or(input: ParseStream) -> Result<FilterExpr> {
    let mut left = and(input)?;
    while eat_logical(input, FilterOp::Or)? {
        left = binary(FilterOp::Or, left, and(input)?);
    }
    Ok(left)
}

fn and(input: ParseStream) -> Result<FilterExpr> {
    let mut left = comparison(input)?;
    while eat_logical(input, FilterOp::And)? {
        left = binary(FilterOp::And, left, comparison(input)?);
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
    eat_word(input, word)
}

/// Consumes the identifier `word` if it is next.
fn eat_word(input: ParseStream, word: &str) -> Result<bool> {
    if peek_word(input.cursor(), word) {
        input.parse::<Ident>()?;
        return Ok(true);
    }
    Ok(false)
}

fn peek_word(cursor: Cursor, word: &str) -> bool {
    cursor.ident().is_some_and(|(ident, _)| ident == word)
}

/// `a == b`, `a in [..]`, `a not in [..]`; like Rust, comparisons do not chain.
fn comparison(input: ParseStream) -> Result<FilterExpr> {
    let left = concatenation(input)?;
    let compared = if input.peek(Token![in]) {
        input.parse::<Token![in]>()?;
        FilterExpr::In(Box::new(left), Box::new(list_or_pinned(input, "in")?))
    } else if peek_word(input.cursor(), "not") && input.peek2(Token![in]) {
        input.parse::<Ident>()?;
        input.parse::<Token![in]>()?;
        FilterExpr::Not(Box::new(FilterExpr::In(Box::new(left), Box::new(list_or_pinned(input, "in")?))))
    } else if let Some(op) = comparison_op(input)? {
        binary(op, left, concatenation(input)?)
    } else {
        return Ok(left);
    };
    if comparison_op(&input.fork())?.is_some() || input.peek(Token![in]) {
        return Err(input.error("comparison operators cannot be chained; join the comparisons with `&&`"));
    }
    Ok(compared)
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

/// `a <> b <> c`.
fn concatenation(input: ParseStream) -> Result<FilterExpr> {
    let mut left = additive(input)?;
    while starts_concat(input.cursor()) {
        input.parse::<Token![<]>()?;
        input.parse::<Token![>]>()?;
        left = binary(FilterOp::Concat, left, additive(input)?);
    }
    Ok(left)
}

/// Whether `<>` starts at `cursor`: a `<` right before a `>` (which no
/// comparison can be, so the spacing does not matter).
fn starts_concat(cursor: Cursor) -> bool {
    let Some((first, rest)) = cursor.punct() else { return false };
    first.as_char() == '<' && rest.punct().is_some_and(|(second, _)| second.as_char() == '>')
}

fn additive(input: ParseStream) -> Result<FilterExpr> {
    let mut left = multiplicative(input)?;
    loop {
        let op = if input.peek(Token![+]) {
            input.parse::<Token![+]>()?;
            FilterOp::Add
        } else if input.peek(Token![-]) && !input.peek(Token![->]) {
            input.parse::<Token![-]>()?;
            FilterOp::Sub
        } else {
            return Ok(left);
        };
        left = binary(op, left, multiplicative(input)?);
    }
}

fn multiplicative(input: ParseStream) -> Result<FilterExpr> {
    let mut left = unary(input)?;
    loop {
        let op = if input.peek(Token![*]) {
            input.parse::<Token![*]>()?;
            FilterOp::Mul
        } else if input.peek(Token![/]) {
            input.parse::<Token![/]>()?;
            FilterOp::Div
        } else {
            return Ok(left);
        };
        left = binary(op, left, unary(input)?);
    }
}

fn unary(input: ParseStream) -> Result<FilterExpr> {
    if input.peek(Token![!]) && !input.peek(Token![!=]) {
        input.parse::<Token![!]>()?;
        return Ok(FilterExpr::Not(Box::new(unary(input)?)));
    }
    if peek_word(input.cursor(), "not") && !input.peek2(syn::token::Paren) {
        input.parse::<Ident>()?;
        return Ok(FilterExpr::Not(Box::new(unary(input)?)));
    }
    if input.peek(Token![-]) {
        if input.peek2(LitInt) || input.peek2(LitFloat) {
            // A negative number is a value, not a literal token.
            let minus: Token![-] = input.parse()?;
            let literal: Lit = input.parse()?;
            return Ok(FilterExpr::Pinned(syn::parse_quote!(#minus #literal)));
        }
        input.parse::<Token![-]>()?;
        return Ok(FilterExpr::Neg(Box::new(unary(input)?)));
    }
    primary(input)
}

fn primary(input: ParseStream) -> Result<FilterExpr> {
    if input.peek(syn::token::Paren) {
        let content;
        parenthesized!(content in input);
        return keys(input, parse_filter(&content)?);
    }
    if input.peek(Token![^]) {
        return pinned(input).map(FilterExpr::Pinned);
    }
    if input.peek(Lit) {
        return Ok(FilterExpr::Lit(input.parse()?));
    }
    if input.peek(Token![if]) {
        return if_expr(input);
    }
    if peek_word(input.cursor(), "cond") && input.peek2(syn::token::Brace) {
        return cond(input);
    }
    if input.peek(syn::token::Bracket) {
        return Err(input.error("a list `[..]` can only follow `in` or be the first argument of `string_join`"));
    }
    if input.peek(Ident) {
        let name: Ident = input.parse()?;
        if input.peek(syn::token::Paren) {
            return call(input, name);
        }
        if name == "nil" {
            return Ok(FilterExpr::Nil(name.span()));
        }
        if input.peek(Token![.]) && !input.peek(Token![..]) {
            return keys(input, FilterExpr::Path(dotted(input, name)?));
        }
        return keys(input, FilterExpr::Field(name));
    }
    Err(input.error("expected a field, a literal, `nil`, `^value`, `!`, a function call or `(`"))
}

/// `json["a"][:b]` after `json`: Ash's access to keys of a map,
/// `get_path(json, ["a", "b"])`.
fn keys(input: ParseStream, subject: FilterExpr) -> Result<FilterExpr> {
    if !input.peek(syn::token::Bracket) {
        return Ok(subject);
    }
    let span = subject.span();
    let mut keys = Vec::new();
    let mut brackets_span = span;
    while input.peek(syn::token::Bracket) {
        let content;
        let brackets = bracketed!(content in input);
        brackets_span = brackets.span.join();
        let key = if content.peek(Token![:]) {
            content.parse::<Token![:]>()?;
            let name: Ident = content.call(Ident::parse_any)?;
            FilterExpr::Lit(Lit::Str(LitStr::new(&name.to_string(), name.span())))
        } else {
            or(&content)?
        };
        if !content.is_empty() {
            return Err(content.error("a key is one value: `json[\"key\"]` or `json[:key]`"));
        }
        keys.push(key);
    }
    Ok(FilterExpr::Call(FilterFn::GetPath, span, vec![subject, FilterExpr::List(keys, brackets_span)]))
}

/// `cond { c1 => a, c2 => b, true => c }`: Elixir's `cond`, chained `if`s
/// (nil when no condition holds).
fn cond(input: ParseStream) -> Result<FilterExpr> {
    let keyword: Ident = input.parse()?;
    let content;
    braced!(content in input);
    let mut arms = Vec::new();
    while !content.is_empty() {
        let condition = or(&content)?;
        content
            .parse::<Token![=>]>()
            .map_err(|e| syn::Error::new(e.span(), "expected `=>` after a `cond` condition"))?;
        let value = or(&content)?;
        arms.push((condition, value));
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    if arms.is_empty() {
        return Err(syn::Error::new(keyword.span(), "`cond` takes at least one `condition => value` arm"));
    }
    let mut chained = FilterExpr::Nil(keyword.span());
    for (condition, value) in arms.into_iter().rev() {
        chained = FilterExpr::Call(FilterFn::If, keyword.span(), vec![condition, value, chained]);
    }
    Ok(chained)
}

/// `first.second.third` after `first`: a relationship path (and a field).
pub(super) fn dotted(input: ParseStream, first: Ident) -> Result<Vec<Ident>> {
    let mut names = vec![first];
    while input.peek(Token![.]) {
        input.parse::<Token![.]>()?;
        names.push(
            input
                .parse()
                .map_err(|error| syn::Error::new(error.span(), "expected a name after `.`: `relationship.field`"))?,
        );
    }
    Ok(names)
}

/// `[a, b]` or `^rust_list` (after `in`, or as `string_join`'s items).
pub(super) fn list_or_pinned(input: ParseStream, after: &str) -> Result<FilterExpr> {
    if input.peek(Token![^]) {
        return pinned(input).map(FilterExpr::Pinned);
    }
    if !input.peek(syn::token::Bracket) {
        return Err(input.error(format_args!("expected a list `[..]` or a pinned `^list` after `{after}`")));
    }
    let content;
    let brackets = bracketed!(content in input);
    let mut items = Vec::new();
    while !content.is_empty() {
        items.push(or(&content)?);
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(FilterExpr::List(items, brackets.span.join()))
}

/// `if(cond, then, else)`, `if(cond, then)`, or Rust's
/// `if cond { then } else if cond { .. } else { else }`.
fn if_expr(input: ParseStream) -> Result<FilterExpr> {
    let keyword: Token![if] = input.parse()?;
    let span = keyword.span;
    // `if(..)` not followed by a block is the function form.
    let function_form =
        input.cursor().group(Delimiter::Parenthesis).is_some_and(|(_, _, rest)| rest.group(Delimiter::Brace).is_none());
    if function_form {
        let content;
        parenthesized!(content in input);
        let mut args = Vec::new();
        while !content.is_empty() {
            args.push(or(&content)?);
            if content.is_empty() {
                break;
            }
            content.parse::<Token![,]>()?;
        }
        check_arity("if", span, args.len(), 2, Some(3))?;
        return Ok(FilterExpr::Call(FilterFn::If, span, args));
    }
    let cond = or(input)?;
    let then = block(input, "if")?;
    let mut args = vec![cond, then];
    if input.peek(Token![else]) {
        input.parse::<Token![else]>()?;
        args.push(if input.peek(Token![if]) { if_expr(input)? } else { block(input, "else")? });
    }
    Ok(FilterExpr::Call(FilterFn::If, span, args))
}

/// `{ expr }` of an `if` or `else`.
fn block(input: ParseStream, after: &str) -> Result<FilterExpr> {
    if !input.peek(syn::token::Brace) {
        return Err(input.error(format_args!("expected `{{ .. }}` after the `{after}`")));
    }
    let content;
    braced!(content in input);
    parse_filter(&content)
}

/// `^expr`: a Rust value, as Rust's postfix expressions go: a path, a
/// literal, method calls, fields, indexing, `?`, `as` casts, macro calls, with
/// leading `-`, `!`, `&` or `*`. It ends at the next operator of the
/// expression language (`^a + 1` adds 1 to the pinned `a`; write `^(a + 1)`
/// to compute in Rust), at a `,` and at a `{ .. }` block.
pub(super) fn pinned(input: ParseStream) -> Result<Expr> {
    let caret: Token![^] = input.parse()?;
    let tokens = input.step(|cursor| {
        let mut tokens = TokenStream::new();
        let mut rest = *cursor;
        let mut turbofish_depth = 0usize;
        let mut after_path_separator = false;
        let mut leading = true;
        while let Some((tree, next)) = rest.token_tree() {
            let punct = match &tree {
                TokenTree::Punct(punct) => Some(punct.as_char()),
                _ => None,
            };
            // `::<` opens generic arguments, whose `<` and `>` are no comparisons.
            let opens_generics = after_path_separator && punct == Some('<');
            let prefix = leading && matches!(punct, Some('-' | '!' | '&' | '*'));
            let block = matches!(&tree, TokenTree::Group(group) if group.delimiter() == Delimiter::Brace);
            if turbofish_depth == 0 && !opens_generics && !prefix && (block || starts_operator(rest)) {
                break;
            }
            match punct {
                Some('<') if opens_generics || turbofish_depth > 0 => turbofish_depth += 1,
                Some('>') if turbofish_depth > 0 => turbofish_depth -= 1,
                _ => {}
            }
            after_path_separator = matches!(&tree, TokenTree::Punct(p) if p.as_char() == ':' && p.spacing() == proc_macro2::Spacing::Alone);
            leading = prefix;
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

/// Whether an operator of the expression language, or a `,`, starts at `cursor`.
fn starts_operator(cursor: Cursor) -> bool {
    if let Some((ident, _)) = cursor.ident() {
        return ident == "and" || ident == "or" || ident == "in" || ident == "not";
    }
    let Some((first, rest)) = cursor.punct() else { return false };
    let joint = first.spacing() == proc_macro2::Spacing::Joint;
    let second = rest.punct().filter(|_| joint).map(|(punct, _)| punct.as_char());
    match (first.as_char(), second) {
        ('<' | '>' | ',' | '+' | '*' | '/', _) => true,
        ('-', second) => second != Some('>'),
        ('=' | '!', Some('=')) | ('&', Some('&')) | ('|', Some('|')) => true,
        _ => false,
    }
}
