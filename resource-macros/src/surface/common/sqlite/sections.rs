//! The nested sections of `sqlite`: `custom_indexes`, `custom_statements`
//! and `references`. A section's body is `{ .. }` or `( .. )`; an entry is
//! the block form's `index [a, b] { unique: true }` or the attribute form's
//! `index([a, b], unique)` (told apart by the parenthesis, so both surfaces
//! take both):
//!
//! ```text
//! custom_indexes {
//!     index [title, "lower(body)"] { name: "posts_search_index", unique: true, where: "published", message: "..", include: [slug], using: "btree" }
//!     index [author_id];
//! }
//! custom_statements {
//!     statement posts_fts { up: "CREATE VIRTUAL TABLE ..", down: "DROP TABLE posts_fts" }
//! }
//! references {
//!     polymorphic_on_delete: delete;
//!     reference author { on_delete: delete, on_update: update, deferrable: initially, name: "..", ignore: false, index: true }
//! }
//! ```

use syn::ext::IdentExt;
use syn::parse::{ParseBuffer, ParseStream};
use syn::{Ident, LitBool, LitStr, Result, Token, braced, bracketed, parenthesized};

use crate::errors::did_you_mean;
use crate::model::{
    CustomIndex, CustomStatement, Deferrable, IndexField, Reference, ReferenceAction, References, Spanned,
};
use crate::surface::common::spelling::{at_entry_end, bare_flag, string};
use crate::surface::common::table::{Options, option_table, set_once};
use crate::surface::common::{Form, ParseCx, Separator, key_separator, list, list_name};

option_table! {
    /// The entries of `custom_indexes`.
    pub CUSTOM_INDEXES: Vec<CustomIndex>, names CUSTOM_INDEXES_KEYWORDS;
    "index" => |indexes, key, input, cx| {
        indexes.push(custom_index(input, key, cx)?);
        Ok(())
    },
}

option_table! {
    /// The options of `index [..]` (AshSqlite's order).
    CUSTOM_INDEX: CustomIndex, names CUSTOM_INDEX_OPTIONS;
    "name" => set_once!(name, string),
    "unique" => set_once!(unique, bare_flag),
    "using" => set_once!(using, string),
    "where" => set_once!(where_sql, string),
    "message" => set_once!(message, string),
    "include" => |index, key, input, cx| {
        key_separator(input, key, cx.form)?;
        index.include.extend(index_terms(input, cx.form)?);
        Ok(())
    },
}

option_table! {
    /// The entries of `custom_statements`.
    pub CUSTOM_STATEMENTS: Vec<CustomStatement>, names CUSTOM_STATEMENTS_KEYWORDS;
    "statement" => |statements, key, input, cx| {
        statements.push(custom_statement(input, key, cx)?);
        Ok(())
    },
}

option_table! {
    /// The options of `statement name`.
    CUSTOM_STATEMENT: CustomStatement, names CUSTOM_STATEMENT_OPTIONS;
    "up" => set_once!(up, string),
    "down" => set_once!(down, string),
    "code" => set_once!(code, bare_flag),
}

option_table! {
    /// The `references` section: its options, and one `reference` per relationship.
    REFERENCES: References, names REFERENCES_OPTIONS;
    "polymorphic_on_delete" => |references, key, input, cx| {
        if let Some(action) = reference_action(input, key, Event::Delete, cx)? {
            cx.set_once(&mut references.polymorphic_on_delete, key, action);
        }
        Ok(())
    },
    "polymorphic_on_update" => |references, key, input, cx| {
        if let Some(action) = reference_action(input, key, Event::Update, cx)? {
            cx.set_once(&mut references.polymorphic_on_update, key, action);
        }
        Ok(())
    },
    // The foreign key name of AshPostgres's polymorphic references; SQLite
    // gets no such keys, so the name is read and dropped.
    "polymorphic_name" => |_, key, input, cx| string(input, key, cx).map(drop),
    "reference" => |references, key, input, cx| {
        references.references.push(reference(input, key, cx)?);
        Ok(())
    },
}

option_table! {
    /// The options of `reference relationship` (AshSqlite's order).
    REFERENCE: Reference, names REFERENCE_OPTIONS;
    "ignore" => set_once!(ignore, bare_flag),
    "on_delete" => |reference, key, input, cx| {
        if let Some(action) = reference_action(input, key, Event::Delete, cx)? {
            cx.set_once(&mut reference.on_delete, key, action);
        }
        Ok(())
    },
    "on_update" => |reference, key, input, cx| {
        if let Some(action) = reference_action(input, key, Event::Update, cx)? {
            cx.set_once(&mut reference.on_update, key, action);
        }
        Ok(())
    },
    "deferrable" => |reference, key, input, cx| {
        if let Some(deferrable) = deferrable(input, key, cx)? {
            cx.set_once(&mut reference.deferrable, key, deferrable);
        }
        Ok(())
    },
    "name" => set_once!(name, string),
    "index" => set_once!(index, bare_flag),
}

/// `custom_indexes { .. }`: entries add to those of an earlier `custom_indexes`.
pub fn custom_indexes(indexes: &mut Vec<CustomIndex>, key: &Ident, input: ParseStream, cx: &mut ParseCx) -> Result<()> {
    let (body, separator) = section_body(input, key, cx.form)?;
    CUSTOM_INDEXES.parse_all(indexes, &body, cx, separator)
}

/// `custom_statements { .. }`.
pub fn custom_statements(
    statements: &mut Vec<CustomStatement>,
    key: &Ident,
    input: ParseStream,
    cx: &mut ParseCx,
) -> Result<()> {
    let (body, separator) = section_body(input, key, cx.form)?;
    CUSTOM_STATEMENTS.parse_all(statements, &body, cx, separator)
}

/// `references { .. }`.
pub fn references(references: &mut References, key: &Ident, input: ParseStream, cx: &mut ParseCx) -> Result<()> {
    let (body, separator) = section_body(input, key, cx.form)?;
    REFERENCES.parse_all(references, &body, cx, separator)
}

/// The body of a nested section, `{ .. }` (entries end with `;`) or `( .. )`
/// (entries end with `,`), after an optional `:` / `=`.
fn section_body<'a>(input: ParseStream<'a>, key: &Ident, form: Form) -> Result<(ParseBuffer<'a>, Separator)> {
    key_separator(input, key, form)?;
    let content;
    if input.peek(syn::token::Paren) {
        parenthesized!(content in input);
        Ok((content, Separator::Comma))
    } else if input.peek(syn::token::Brace) {
        braced!(content in input);
        Ok((content, Separator::Semicolon))
    } else {
        Err(input.error(match form {
            Form::Block => format!("expected `{{ .. }}` after `{key}`"),
            Form::Attribute => format!("expected `(..)` after `{key}`"),
        }))
    }
}

/// An entry's head and options: `head(input)` then `{ options }` (block) or,
/// when the entry is in parentheses, `(head, options)` (attribute).
fn entry<T>(
    input: ParseStream,
    cx: &mut ParseCx,
    table: &Options<T>,
    head: impl FnOnce(ParseStream) -> Result<T>,
) -> Result<T> {
    if input.peek(syn::token::Paren) {
        let content;
        parenthesized!(content in input);
        let mut target = head(&content)?;
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
            table.parse_all(&mut target, &content, cx, Separator::Comma)?;
        }
        return Ok(target);
    }
    let mut target = head(input)?;
    if input.peek(syn::token::Brace) {
        let content;
        braced!(content in input);
        table.parse_all(&mut target, &content, cx, Separator::Comma)?;
    }
    Ok(target)
}

/// `index [a, "lower(b)"] { .. }`, `index a;`, `index([a, b], unique)`.
fn custom_index(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<CustomIndex> {
    let span = key.span();
    let form = cx.form;
    entry(input, cx, &CUSTOM_INDEX, |input| Ok(CustomIndex::new(span, index_terms(input, form)?)))
}

/// `[a, "lower(b)"]`, `(a, b)`, or one term alone.
fn index_terms(input: ParseStream, form: Form) -> Result<Vec<IndexField>> {
    let content;
    if input.peek(syn::token::Bracket) {
        bracketed!(content in input);
    } else if input.peek(syn::token::Paren) {
        parenthesized!(content in input);
    } else {
        return Ok(vec![index_term(input, form)?]);
    }
    let mut terms = Vec::new();
    while !content.is_empty() {
        terms.push(index_term(&content, form)?);
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(terms)
}

fn index_term(input: ParseStream, form: Form) -> Result<IndexField> {
    if input.peek(LitStr) {
        return Ok(IndexField::Sql(input.parse()?));
    }
    if input.peek(Token![:]) || input.peek(Ident::peek_any) {
        return Ok(IndexField::Attribute(list_name(input)?));
    }
    let example = match form {
        Form::Block => "index [email, \"lower(name)\"]",
        Form::Attribute => "index([email, \"lower(name)\"])",
    };
    Err(input.error(format_args!("expected an attribute or a SQL expression in a string, as in `{example}`")))
}

/// `statement name { up: "..", down: ".." }`, `statement(name, up = "..", down = "..")`.
fn custom_statement(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<CustomStatement> {
    let example = match cx.form {
        Form::Block => format!("{key} add_fts {{ up: \"..\", down: \"..\" }}"),
        Form::Attribute => format!("{key}(add_fts, up = \"..\", down = \"..\")"),
    };
    entry(input, cx, &CUSTOM_STATEMENT, |input| {
        let usage = format!("expected the statement's name, as in `{example}`");
        let ident = name(input, &usage)?;
        Ok(CustomStatement::new(ident))
    })
}

/// `reference author { .. }`, `reference(author, on_delete = delete)`.
fn reference(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Reference> {
    let example = match cx.form {
        Form::Block => format!("{key} author {{ on_delete: delete }}"),
        Form::Attribute => format!("{key}(author, on_delete = delete)"),
    };
    entry(input, cx, &REFERENCE, |input| {
        let usage = format!("expected the relationship's name, as in `{example}`");
        let relationship = name(input, &usage)?;
        Ok(Reference::new(relationship))
    })
}

/// A name (`list_name`: Ash's atom `:name` is pointed out); anything else
/// is an error saying `usage`.
fn name(input: ParseStream, usage: &str) -> Result<Ident> {
    if input.peek(Token![:]) {
        return list_name(input);
    }
    input.parse().map_err(|error| syn::Error::new(error.span(), usage))
}

/// Which foreign key event an action is for.
#[derive(Clone, Copy)]
enum Event {
    Delete,
    Update,
}

impl Event {
    /// Ash's name of `CASCADE` for the event: `delete` / `update`.
    fn cascade(self) -> &'static str {
        match self {
            Event::Delete => "delete",
            Event::Update => "update",
        }
    }

    fn other(self) -> Event {
        match self {
            Event::Delete => Event::Update,
            Event::Update => Event::Delete,
        }
    }
}

/// `on_delete: delete | nilify | nothing | restrict` (and `on_update: update | ..`),
/// Ash's atoms without the `:`. An unknown name is reported, with the name
/// Ash gives it when it is SQL's (`cascade`, `set_null`, `no_action`), and
/// gives `None`.
fn reference_action(
    input: ParseStream,
    key: &Ident,
    event: Event,
    cx: &mut ParseCx,
) -> Result<Option<Spanned<ReferenceAction>>> {
    key_separator(input, key, cx.form)?;
    let example = cx.form.option(&key.to_string(), event.cascade());
    let name = name(input, &format!("expected an action for `{key}`, as in `{example}`"))?;
    let cascade = event.cascade();
    let action = match name.to_string().as_str() {
        value if value == cascade => ReferenceAction::Cascade,
        "nilify" => ReferenceAction::Nilify,
        "nothing" => ReferenceAction::Nothing,
        "restrict" => ReferenceAction::Restrict,
        value => {
            let valid = [cascade, "nilify", "nothing", "restrict"];
            let sql = cascade.to_uppercase();
            let other = event.other().cascade();
            let message = match value {
                _ if value == other => {
                    let other_key = key.to_string().replace(cascade, other);
                    format!("`{key}` takes `{cascade}`, not `{other}` (which is `{other_key}`'s); both mean `CASCADE`")
                }
                "cascade" => {
                    format!("unknown `{key}` action `cascade`; write `{cascade}` (Ash's name for `ON {sql} CASCADE`)")
                }
                "set_null" | "null" | "nullify" => {
                    format!("unknown `{key}` action `{value}`; write `nilify` (Ash's name for `SET NULL`)")
                }
                "no_action" => {
                    format!("unknown `{key}` action `{value}`; write `nothing` (Ash's name for `NO ACTION`)")
                }
                _ => match did_you_mean(value, valid) {
                    Some(name) => format!("unknown `{key}` action `{value}`; did you mean `{name}`?"),
                    None => format!("unknown `{key}` action `{value}`; expected one of {}", list(&valid)),
                },
            };
            cx.errors.error(name.span(), message);
            return Ok(None);
        }
    };
    Ok(Some(Spanned { value: action, span: name.span() }))
}

/// `deferrable: false | true | initially` (Ash's `:initially`); the
/// attribute form's bare `deferrable` is `true`.
fn deferrable(input: ParseStream, key: &Ident, cx: &mut ParseCx) -> Result<Option<Spanned<Deferrable>>> {
    let span = key.span();
    if at_entry_end(input) || input.peek(Token![;]) {
        return Ok(Some(Spanned { value: Deferrable::Yes, span }));
    }
    key_separator(input, key, cx.form)?;
    if input.peek(LitBool) {
        let value: LitBool = input.parse()?;
        let value = if value.value { Deferrable::Yes } else { Deferrable::No };
        return Ok(Some(Spanned { value, span }));
    }
    let expected = "expected `true`, `false` or `initially` for `deferrable`";
    let name = name(input, expected)?;
    if name == "initially" {
        return Ok(Some(Spanned { value: Deferrable::Initially, span }));
    }
    let hint = match did_you_mean(&name.to_string(), ["initially"]) {
        Some(_) => format!("{expected}; did you mean `initially`?"),
        None => expected.to_string(),
    };
    cx.errors.error(name.span(), hint);
    Ok(None)
}
