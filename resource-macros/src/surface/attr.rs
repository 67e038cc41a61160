//! The attribute surface: `#[resource(..)]` on an ordinary struct, with inert
//! helper attributes that mirror the sections of the block form. The full
//! table of options, side by side with the block form, is in
//! `docs/attribute-surface.md`.
//!
//! ```text
//! /// docs and other attributes go to the struct
//! #[resource(data_layer = ets, table = "users")]            // both optional
//! #[sqlite(table = "users")]                                // the same as `table` above
//! #[sqlite(unique_index_names = [([email], "users_lower_email_index", "is taken")])]
//! #[identity(unique_email, keys(email), pre_check, message = "is taken")]
//! #[validate(present(first_name, last_name, at_least = 1), on(create), message = "..")]
//! #[actions(default_accept(first_name, email), defaults(create, read, update, destroy))]
//! #[action(create, register, accept(email), argument(code: String, allow_nil = false),
//!          change(set_attribute(role, "user")), validate(confirm(code, code_again)), upsert)]
//! #[action(read, admins, filter(admin == true))]
//! pub struct User {
//!     #[attribute(uuid_primary_key)]
//!     pub id: Uuid,
//!     #[attribute(public, allow_nil = false, constraints(max_length = 100, match = "^[a-z]+$"))]
//!     pub first_name: String,
//!     pub nickname: Option<String>,       // no `#[attribute]`: a plain attribute
//! }
//! ```
//!
//! Every option keeps its block-form name and is written `name = value`
//! (`:` is accepted too); a flag may be written bare (`public` means
//! `public = true`); a list is written `name(a, b)` (also `name = [a, b]`).
//! The values themselves (constraints, validation rules, changes, filters)
//! are parsed by the helpers in `surface::common`, so both surfaces build the
//! same `model::Resource`.
//!
//! The compiler hands `#[resource]` the struct with the helper attributes
//! written below it still on it; they are not registered macros, so this
//! surface consumes them, and `fallback` strips them when the resource does
//! not validate. (A helper written above `#[resource]` is resolved by the
//! compiler first and fails as an unknown attribute.)

mod actions;
mod fields;
mod relations;

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::parse::ParseStream;
use syn::{Attribute as SynAttribute, Fields, Ident, Item, ItemStruct, Meta, Result, Token};

use super::common::changes::resource_change;
use super::common::identity::{IDENTITY, IDENTITY_OPTIONS};
use super::common::spelling::ident_list;
use super::common::sqlite::SQLITE;
use super::common::table::concat;
use super::common::validation::validation_args;
use super::common::{self, Entry, Form, ParseCx, Separator, no_attributes, parse_entries, values};
use crate::errors::Errors;
use crate::model::{Actions, DataLayer, DataLayerKind, Flag, Identity, Resource, Sqlite};

/// The helper attributes `#[resource]` consumes on the struct.
const STRUCT_HELPERS: &[&str] = &[
    "identity",
    "validate",
    "change",
    "actions",
    "action",
    "sqlite",
    "postgres",
    "calculate",
    "belongs_to",
    "has_one",
    "has_many",
    "many_to_many",
    "aggregate",
];
/// The helper attribute `#[resource]` consumes on fields.
const FIELD_HELPER: &str = "attribute";
/// Ash's section names, written as helpers (`#[identities(..)]`): each is
/// reported with the helper to write instead, and removed.
const SECTIONS: &[(&str, &str)] = &[
    ("attributes", "`#[attribute(..)]` on each field"),
    ("identities", "`#[identity(name, keys(..))]`, one per identity"),
    ("validations", "`#[validate(..)]`, one per validation"),
    ("validation", "`#[validate(..)]`"),
    ("changes", "`#[change(..)]`, one per change"),
    ("calculations", "`#[calculate(name: Type = expr(..))]`, one per calculation"),
    ("calculation", "`#[calculate(name: Type = expr(..))]`"),
    (
        "relationships",
        "`#[belongs_to(..)]`, `#[has_one(..)]`, `#[has_many(..)]` or `#[many_to_many(..)]`, one per relationship",
    ),
    ("relationship", "`#[belongs_to(..)]`, `#[has_one(..)]`, `#[has_many(..)]` or `#[many_to_many(..)]`"),
    ("aggregates", "`#[aggregate(..)]`, one per aggregate"),
];
/// The arguments of `#[resource(..)]`.
const RESOURCE_ARGS: &[&str] = &["data_layer", "table", "embed_nil_values"];
/// `keys` and the identity options of the block form.
const IDENTITY_ARGS: &[&str] = &concat::<{ 1 + IDENTITY_OPTIONS.len() }>(&["keys"], IDENTITY_OPTIONS);

/// The input of the attribute surface: the struct with its `#[resource(args)]`
/// put back on it, so that both surfaces take one token stream. A second
/// `#[resource(..)]` on the struct adds to the first.
pub fn with_args(args: TokenStream, item: TokenStream) -> TokenStream {
    quote!(#[resource(#args)] #item)
}

/// Parses a struct with `#[resource(..)]` on it (see `with_args`), in the
/// shape of `surface::block::parse`: errors that do not stop parsing
/// (duplicate options) go to `errors` and the model is still returned, so
/// that the validator adds its own errors to them. Syntax errors of
/// separate helper attributes do not depend on each other: all of them are
/// returned, after the others.
pub fn parse(input: TokenStream, errors: &mut Errors) -> Result<Resource> {
    let item = parse_struct(input)?;
    let mut cx = ParseCx::new(Form::Attribute);
    let mut syntax = Errors::new();
    let mut parts = Parts::default();

    let mut attrs = Vec::new();
    for attr in item.attrs {
        match helper_name(&attr) {
            Some(name) => {
                syntax.handle(parse_helper(&name, &attr, &mut parts, &mut cx));
            }
            None => attrs.push(attr),
        }
    }
    let mut attributes = Vec::new();
    if let Fields::Named(named) = item.fields {
        for field in named.named {
            if let Some(attribute) = syntax.handle(fields::parse_field(field, &mut cx)) {
                attributes.push(attribute);
            }
        }
    }

    errors.extend(cx.errors);
    syntax.finish()?;
    Ok(Resource {
        data_layer: parts.data_layer.unwrap_or(DataLayer { kind: DataLayerKind::Ets }),
        embed_nil_values: parts.embed_nil_values,
        ident: item.ident,
        vis: item.vis,
        attrs,
        attributes,
        identities: parts.identities,
        validations: parts.validations,
        changes: parts.changes,
        actions: parts.actions,
        calculations: parts.calculations,
        relationships: parts.relationships,
        aggregates: parts.aggregates,
        sqlite: parts.sqlite,
        unknown_options: cx.unknown_options,
        crate_path: parts.crate_path,
        form: Form::Attribute,
    })
    .map(|mut resource| {
        common::finish(&mut resource);
        resource
    })
}

/// What to emit beside the errors: the struct without our helper
/// attributes, so that its uses elsewhere still resolve and no "cannot find
/// attribute `identity`" errors follow. Anything that is not a struct is
/// returned as it was.
pub fn fallback(item: &TokenStream) -> TokenStream {
    let ours = |attr: &SynAttribute| helper_name(attr).is_some();
    match syn::parse2::<Item>(item.clone()) {
        Ok(Item::Struct(mut item)) => {
            item.attrs.retain(|attr| !ours(attr));
            for field in item.fields.iter_mut() {
                field.attrs.retain(|attr| !ours(attr));
            }
            item.into_token_stream()
        }
        // `#[resource]` on an enum: its variants and their fields may carry
        // helpers too, which would each be "cannot find attribute".
        Ok(Item::Enum(mut item)) => {
            item.attrs.retain(|attr| !ours(attr));
            for variant in &mut item.variants {
                variant.attrs.retain(|attr| !ours(attr));
                for field in variant.fields.iter_mut() {
                    field.attrs.retain(|attr| !ours(attr));
                }
            }
            item.into_token_stream()
        }
        _ => item.clone(),
    }
}

/// A helper attribute written above `#[resource]` (`#[identity(..)]
/// #[resource] struct ..`): the compiler expands it first, as a macro of
/// its own (`helpers!` in `lib.rs`), and `#[resource]` would never see it.
/// One error, at the helper; then the struct is given back with
/// `#[resource]` moved to the top, so that the resource still expands with
/// every helper. Without any `#[resource]`, the helpers are removed.
pub fn misplaced_helper(name: &str, args: TokenStream, item: TokenStream) -> TokenStream {
    let Ok(mut parsed) = syn::parse2::<Item>(item.clone()) else {
        return item;
    };
    let Some(attrs) = item_attrs(&mut parsed) else { return item };
    let path = Ident::new(name, proc_macro2::Span::call_site());
    let helper: SynAttribute =
        if args.is_empty() { syn::parse_quote!(#[#path]) } else { syn::parse_quote!(#[#path(#args)]) };
    let is_resource = |attr: &SynAttribute| attr.path().segments.last().is_some_and(|s| s.ident == "resource");
    let position = attrs.iter().position(is_resource);
    let message = match position {
        Some(index) => {
            let resource = attrs.remove(index);
            attrs.insert(0, helper);
            attrs.insert(0, resource);
            // `#[resource]` itself says where `#[attribute]` goes.
            (name != FIELD_HELPER).then(|| {
                format!("`#[{name}]` is above `#[resource]`, which sees only the attributes below it; put `#[resource]` first")
            })
        }
        None => Some(format!("`#[{name}]` is a helper of `#[resource]`; add `#[resource]` above it")),
    };
    // At the helper's arguments, the user's tokens (the call site would add
    // a note that the error comes from a macro).
    let error = message.map(|message| match args.is_empty() {
        true => syn::Error::new(proc_macro2::Span::call_site(), message).into_compile_error(),
        false => syn::Error::new_spanned(&args, message).into_compile_error(),
    });
    let item = parsed.into_token_stream();
    let item = if position.is_some() { item } else { fallback(&item) };
    quote!(#error #item)
}

/// The outer attributes of a struct or an enum.
fn item_attrs(item: &mut Item) -> Option<&mut Vec<SynAttribute>> {
    match item {
        Item::Struct(item) => Some(&mut item.attrs),
        Item::Enum(item) => Some(&mut item.attrs),
        _ => None,
    }
}

/// The declarations gathered from the struct's attributes.
#[derive(Default)]
struct Parts {
    data_layer: Option<DataLayer>,
    embed_nil_values: Option<Flag>,
    crate_path: Option<syn::Path>,
    identities: Vec<Identity>,
    validations: Vec<crate::model::Validation>,
    changes: Vec<crate::model::ResourceChange>,
    actions: Actions,
    sqlite: Option<Sqlite>,
    /// The name the SQL section was first given (`sqlite` or `postgres`).
    sql_section: Option<Ident>,
    calculations: Vec<crate::model::Calculation>,
    relationships: Vec<crate::model::Relationship>,
    aggregates: Vec<crate::model::Aggregate>,
}

/// The item, which must be a struct with named fields and no generics.
fn parse_struct(item: TokenStream) -> Result<ItemStruct> {
    let item: Item = syn::parse2(item)?;
    let Item::Struct(item) = item else {
        return Err(syn::Error::new_spanned(
            item_keyword(&item),
            "`#[resource]` goes on a struct with named fields, one per attribute",
        ));
    };
    if !matches!(item.fields, Fields::Named(_)) {
        return Err(syn::Error::new_spanned(
            &item.fields,
            "a resource needs named fields, one per attribute: `struct User { id: Uuid, .. }`",
        ));
    }
    if !item.generics.params.is_empty() || item.generics.where_clause.is_some() {
        return Err(syn::Error::new_spanned(&item.generics, "a resource cannot have generic parameters"));
    }
    Ok(item)
}

/// The tokens of an item up to its name, where "not a struct" points.
fn item_keyword(item: &Item) -> TokenStream {
    match item {
        Item::Enum(item) => item.enum_token.into_token_stream(),
        Item::Fn(item) => item.sig.fn_token.into_token_stream(),
        Item::Union(item) => item.union_token.into_token_stream(),
        Item::Type(item) => item.type_token.into_token_stream(),
        Item::Impl(item) => item.impl_token.into_token_stream(),
        Item::Mod(item) => item.mod_token.into_token_stream(),
        Item::Trait(item) => item.trait_token.into_token_stream(),
        other => other.into_token_stream(),
    }
}

/// Which of our helper attributes `attr` is, if any. A second
/// `#[resource(..)]` is one too: its arguments add to the first's. So is
/// one of Ash's section names (`SECTIONS`), to be reported.
fn helper_name(attr: &SynAttribute) -> Option<String> {
    let name = attr.path().get_ident()?.to_string();
    let ours = name == "resource"
        || name == FIELD_HELPER
        || STRUCT_HELPERS.contains(&name.as_str())
        || SECTIONS.iter().any(|(section, _)| *section == name)
        || misspelt_helper(&name).is_some();
    ours.then_some(name)
}

/// Attributes of Rust and of the crates a resource's struct commonly
/// carries: never taken for a misspelt helper.
const NOT_HELPERS: &[&str] = &[
    "derive",
    "doc",
    "allow",
    "warn",
    "deny",
    "forbid",
    "expect",
    "cfg",
    "cfg_attr",
    "repr",
    "non_exhaustive",
    "must_use",
    "deprecated",
    "serde",
    "automatically_derived",
    "inline",
    "track_caller",
];

/// The helper `name` is a likely typo of (`identiy` -> `identity`), so that
/// `#[resource]` reports it itself, once, instead of leaving it to rustc
/// ("cannot find attribute", then serde's derive failing to resolve).
fn misspelt_helper(name: &str) -> Option<&'static str> {
    if NOT_HELPERS.contains(&name) {
        return None;
    }
    let helpers = STRUCT_HELPERS.iter().copied().chain([FIELD_HELPER, "resource"]);
    crate::errors::did_you_mean(name, helpers).filter(|helper| *helper != name)
}

/// `#[identiy(..)]`: the helper it was meant to be.
fn misspelt_error(name: &str, attr: &SynAttribute) -> Option<syn::Error> {
    let helper = misspelt_helper(name)?;
    Some(syn::Error::new_spanned(
        attr.path(),
        format_args!("`#[{name}]` is not a helper of `#[resource]`; did you mean `#[{helper}]`?"),
    ))
}

/// `#[identities(..)]`, Ash's section name `name` written as the helper
/// `attr`: an error that says what to write instead.
fn section_error(name: &str, attr: &SynAttribute) -> Option<syn::Error> {
    let (_, instead) = SECTIONS.iter().find(|(section, _)| *section == name)?;
    Some(syn::Error::new_spanned(
        attr,
        format_args!("`#[{name}]` is Ash's section, not a helper of `#[resource]`; write {instead}"),
    ))
}

fn parse_helper(name: &str, attr: &SynAttribute, parts: &mut Parts, cx: &mut ParseCx) -> Result<()> {
    if let Some(error) = section_error(name, attr).or_else(|| misspelt_error(name, attr)) {
        return Err(error);
    }
    // `MetaList::parse_args_with` points "unexpected end of input" at the
    // closing parenthesis rather than at `#[resource]`.
    let list = attr.meta.require_list().map_err(|_| usage_error(name, &attr.meta))?;
    match name {
        "resource" => list.parse_args_with(|input: ParseStream| parse_resource_args(input, parts, cx)),
        "identity" => {
            let identity = list.parse_args_with(|input: ParseStream| parse_identity(input, cx))?;
            parts.identities.push(identity);
            Ok(())
        }
        "validate" => {
            let parsed = list.parse_args_with(|input: ParseStream| validation_args(input, cx))?;
            parts.validations.extend(parsed);
            Ok(())
        }
        "change" => {
            let parsed = list.parse_args_with(|input: ParseStream| resource_change(input, cx))?;
            parts.changes.extend(parsed);
            Ok(())
        }
        "actions" => list.parse_args_with(|input: ParseStream| actions::parse_actions(input, &mut parts.actions, cx)),
        "action" => {
            let action = list.parse_args_with(|input: ParseStream| actions::parse_action(input, cx))?;
            parts.actions.actions.extend(action);
            Ok(())
        }
        // One option table under two names: the SQL database's section.
        "sqlite" | "postgres" => {
            let key = attr.path().require_ident()?;
            cx.sql_section_name(&mut parts.sql_section, key);
            let sqlite = parts.sqlite.get_or_insert_with(Sqlite::new);
            list.parse_args_with(|input: ParseStream| parse_sqlite(input, sqlite, cx))
        }
        "calculate" => {
            let calculation = list.parse_args_with(|input: ParseStream| relations::calculation(input, cx))?;
            parts.calculations.push(calculation);
            Ok(())
        }
        "belongs_to" | "has_one" | "has_many" | "many_to_many" => {
            let relationship = list.parse_args_with(|input: ParseStream| relations::relationship(name, input, cx))?;
            parts.relationships.push(relationship);
            Ok(())
        }
        "aggregate" => {
            let aggregate = list.parse_args_with(|input: ParseStream| relations::aggregate(input, cx))?;
            parts.aggregates.extend(aggregate);
            Ok(())
        }
        _ => Err(syn::Error::new_spanned(
            attr,
            format_args!("`#[{name}]` goes on a field of the resource, not on the struct"),
        )),
    }
}

/// How a helper attribute is written, for "expected parentheses" errors.
fn usage_error(name: &str, meta: &Meta) -> syn::Error {
    let usage = match name {
        "resource" => "#[resource(data_layer = ets)]",
        "identity" => "#[identity(unique_email, keys(email))]",
        "validate" => "#[validate(present(name))]",
        "change" => "#[change(Slugify { from: \"title\" }, on(create))]",
        "actions" => "#[actions(defaults(create, read, update, destroy))]",
        "action" => "#[action(create, register, accept(email))]",
        "sqlite" => "#[sqlite(table = \"users\")]",
        "postgres" => "#[postgres(table = \"users\")]",
        "calculate" => "#[calculate(label: String = expr(name <> \"!\"))]",
        "belongs_to" | "has_one" | "has_many" | "many_to_many" => "#[has_many(tickets: Ticket)]",
        "aggregate" => "#[aggregate(count ticket_count: tickets)]",
        _ => "#[attribute(public)]",
    };
    syn::Error::new_spanned(meta, format_args!("expected arguments in parentheses: `{usage}`"))
}

/// `data_layer = ets, table = "users"`.
fn parse_resource_args(input: ParseStream, parts: &mut Parts, cx: &mut ParseCx) -> Result<()> {
    parse_entries(input, cx, RESOURCE_ARGS, Separator::Comma, |attrs, key, input, cx| {
        no_attributes(&attrs, cx);
        match key.to_string().as_str() {
            // Left out of `RESOURCE_ARGS`, as serde's `crate` is of its
            // suggestions: it is for the few who rename the dependency.
            "crate" => {
                let path = values::crate_path(input, &key, cx.form)?;
                cx.set_once(&mut parts.crate_path, &key, path);
            }
            "data_layer" => {
                if let Some(value) = values::data_layer(input, &key, cx)? {
                    cx.set_once(&mut parts.data_layer, &key, value);
                }
            }
            "embed_nil_values" => {
                let flag = values::flag(input, &key, cx.form)?;
                cx.set_once(&mut parts.embed_nil_values, &key, flag);
            }
            // `#[resource(table = "..")]` is `#[sqlite(table = "..")]` said shortly.
            "table" => {
                let sqlite = parts.sqlite.get_or_insert_with(Sqlite::new);
                cx.set_once(&mut sqlite.table, &key, values::string(input, &key, cx.form)?);
            }
            _ => return Ok(Entry::Unknown),
        }
        Ok(Entry::Known)
    })
}

/// `table = "users", unique_index_names = [([email], "users_email_index")]`.
fn parse_sqlite(input: ParseStream, sqlite: &mut Sqlite, cx: &mut ParseCx) -> Result<()> {
    SQLITE.parse_all(sqlite, input, cx, Separator::Comma)
}

/// A name, with `message` when there is none; Ash's atom `:name` is an
/// error at the `:`.
pub(super) fn atom_or(input: ParseStream, message: &str) -> Result<Ident> {
    if input.peek(Token![:]) {
        return common::list_name(input);
    }
    input.parse().map_err(|error| syn::Error::new(error.span(), message))
}

/// `name, keys(a, b), pre_check, message = ".."`.
fn parse_identity(input: ParseStream, cx: &mut ParseCx) -> Result<Identity> {
    let ident = atom_or(input, "expected the identity's name: `#[identity(name, keys(..))]`")?;
    let mut identity = Identity::new(ident, Vec::new());
    let mut keys = None;
    if !input.is_empty() {
        input.parse::<Token![,]>()?;
    }
    parse_entries(input, cx, IDENTITY_ARGS, Separator::Comma, |attrs, key, input, cx| {
        no_attributes(&attrs, cx);
        if key != "keys" {
            return IDENTITY.parse(&mut identity, &key, input, cx);
        }
        let list = ident_list(input, &key, cx)?;
        cx.set_once(&mut keys, &key, list);
        Ok(Entry::Known)
    })?;
    match keys {
        Some(keys) => identity.keys = keys,
        None => {
            let name = &identity.ident;
            return Err(syn::Error::new(
                name.span(),
                format_args!("identity `{name}` has no keys; write `#[identity({name}, keys(field, ..))]`"),
            ));
        }
    }
    Ok(identity)
}
