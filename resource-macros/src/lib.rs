//! Procedural macros of the `resource` crate. Use them through the facade:
//! `resource::resource` (the attribute) and `resource::dsl::resource!` (the
//! block). They cannot share one module: an attribute macro and a
//! function-like macro of the same name collide in the macro namespace.
//!
//! Both resource macros run `entry::run`: a surface parses into
//! `model::Resource`, `resolve` applies Ash's defaults, `validate` checks it
//! (all errors at once), `expand` generates the code. See `docs/macros.md`.

mod embed;
mod entry;
mod errors;
mod expand;
mod expr_macro;
mod model;
mod naming;
mod resolve;
mod surface;
mod validate;

#[cfg(test)]
mod tests;

use proc_macro::TokenStream;

/// Declares a resource in a block close to Ash's DSL.
///
/// ```ignore
/// resource! {
///     /// A customer.
///     pub User {
///         data_layer: Ets,
///         attributes {
///             uuid_primary_key id;
///             attribute email: CiString { allow_nil: false, public: true }
///             attribute name: Option<String> { constraints { max_length: 100 } }
///             create_timestamp inserted_at;
///         }
///         identities {
///             identity unique_email [email] { pre_check: true }
///         }
///         validations {
///             validate string_length(email, max: 200);
///         }
///         actions {
///             default_accept [email, name];
///             defaults [create, read, update, destroy];
///             read named { filter: expr(!is_nil(name)); }
///         }
///     }
/// }
/// ```
///
/// For a renamed dependency, `crate: my_resource;` beside `data_layer`.
///
/// Options are `name: value`; a `:` before a list or block may be left out.
/// Entries end with `;` or with a `{ .. }` block.
#[proc_macro]
pub fn resource_block(input: TokenStream) -> TokenStream {
    entry::block(input.into()).into()
}

/// Declares a resource on an ordinary struct: `#[resource(data_layer = sqlite)]`.
/// For a renamed dependency: `#[resource(crate = my_resource)]`.
#[proc_macro_attribute]
pub fn resource(args: TokenStream, item: TokenStream) -> TokenStream {
    entry::attribute(args.into(), item.into()).into()
}

/// The helper attributes of `#[resource]` (`#[identity(..)]`, `#[attribute(..)]`,
/// ..) as macros of their own. Below `#[resource]` they are never expanded:
/// `#[resource]` reads and removes them. Written above it, the compiler
/// would expand them first and fail on an unknown attribute (and then on
/// internal names of the generated code); as macros, they report one
/// error, "put `#[resource]` first", and hand the struct back to
/// `#[resource]` with the helper below it.
macro_rules! helpers {
    ($($name:ident),* $(,)?) => {$(
        #[doc = concat!("`#[", stringify!($name), "(..)]`: a helper of `#[resource]`, written below it.")]
        #[proc_macro_attribute]
        pub fn $name(args: TokenStream, item: TokenStream) -> TokenStream {
            surface::attr::misplaced_helper(stringify!($name), args.into(), item.into()).into()
        }
    )*};
}

helpers!(
    attribute,
    identity,
    validate,
    change,
    actions,
    action,
    sqlite,
    postgres,
    calculate,
    belongs_to,
    has_one,
    has_many,
    many_to_many,
    aggregate,
);

/// Makes a fieldless enum an attribute type (Ash's `:atom` with `one_of`):
/// each variant is stored, accepted and serialized as its snake_case name.
///
/// ```ignore
/// #[derive(Debug, Clone, Copy, PartialEq, Eq, resource::Atom)]
/// pub enum Status { Open, InProgress, Closed } // "open", "in_progress", "closed"
/// ```
///
/// Implements `Atom`, `AttributeValue`, `From<Status> for Value`, `Display`,
/// `FromStr` and serde's `Serialize`/`Deserialize`. The enum must be `Copy`.
/// For a renamed dependency: `#[atom(crate = my_resource)]`.
#[proc_macro_derive(Atom, attributes(atom))]
pub fn derive_atom(input: TokenStream) -> TokenStream {
    expand::atom::derive(input.into()).into()
}

/// An expression over a resource's fields, in the language of Ash's `expr`:
/// a filter, `Product::read().filter(expr!(price < 1 && like(name, "%an%")))`.
///
/// Fields are named bare (`price`), Rust values are pinned with `^`
/// (`^max_price`, `^Status::Open`), `nil` is nil. Operators: `==` `!=` `<`
/// `<=` `>` `>=`, `&&`/`and`, `||`/`or`, `!`/`not`, `in [..]`/`in ^list`,
/// `+ - * /`, `<>` (concatenation). Functions: `is_nil`, `like`, `ilike`,
/// `contains`, `lower`, `upper`, `length`, `string_join`, `concat`, `if`,
/// `now`, `today`, `fragment`. See `docs/expressions.md`.
///
/// It expands to a closure `|fields| -> Expr`, called with the resource's
/// field struct, so a misspelt field is a compile error at its name.
/// For a renamed dependency: `expr!(crate = my_resource; price < 1)`.
#[proc_macro]
pub fn expr(input: TokenStream) -> TokenStream {
    expr_macro::expand(input.into()).into()
}

/// `embed_migrations!("priv")`: every `<dir>/<repo>/migrations/*.sql` file
/// under the crate's directory, compiled into the program as
/// `&[(repo, &[(file name, text)])]` for `cli::Project::embedded_migrations`,
/// so that a deployed binary migrates without its source tree.
///
/// A changed file is noticed by cargo (each is an `include_str!`); a *new*
/// file is not until the crate is rebuilt: add a `build.rs` with
/// `println!("cargo:rerun-if-changed=priv");` (see `docs/cli.md`).
#[proc_macro]
pub fn embed_migrations(input: TokenStream) -> TokenStream {
    embed::expand(input.into()).into()
}
