#![doc = include_str!("../docs/guide.md")]
//!
//! # The two surfaces
//!
//! Two surfaces declare the same resource: the attribute `#[resource]` on a
//! struct, and the block `resource::dsl::resource! { .. }`, close to Ash's
//! DSL. They live in different modules because an attribute macro and a
//! function-like macro of one name cannot be exported side by side.

#![warn(missing_docs)]

// The runtime's curated surface (its own crate root chooses it), its
// layers as modules for those who implement a data layer or read the
// description, and the crates generated code and users share.
pub use resource_runtime::{
    ActionContext, ActionInput, Atom, AttributeValue, BinaryOp, Capabilities, Change, Changeset, CiString, DataLayer,
    DataLayerKind, DataQuery, Decimal, Decoded, Domain, DomainBuilder, DynChangeset, EmbeddedField, Error, Ets, Expr,
    Field, FieldError, FieldErrorKind, FieldList, IntoDataLayer, IntoLoad, Load, Loaded, LoadedValue, Page,
    PageRequest, PathStep, Query, Record, Related, Relation, RelationLoad, Repo, Resource, ResourceFields,
    ResourceInfo, Result, Row, RowValues, Select, Selected, Selection, Sort, SortOrder, Uuid, Validation, Value,
    chrono, dec, rust_decimal, uuid,
};
#[cfg(feature = "postgres")]
pub use resource_runtime::{Postgres, PostgresOptions};
#[cfg(feature = "sqlite")]
pub use resource_runtime::{Sqlite, SqliteOptions};
pub use resource_runtime::{data_layer, domain, expr, info, migrate, read, typed, write};

/// `#[resource(..)]` on a struct.
pub use resource_macros::resource;

/// `expr!(price < 1 && like(name, "%an%"))`: an expression over a resource's
/// fields, checked at compile time, for `Query::filter` (see `docs/expressions.md`).
/// The macro shares its name with the runtime's `expr` module; they live in
/// different namespaces.
pub use resource_macros::expr;

/// `#[derive(Atom)]` (a derive macro; the trait of the same name is re-exported above:
/// they live in different namespaces, like serde's `Serialize`).
pub use resource_macros::Atom;

pub use resource_macros::embed_migrations;

/// The database and migration commands (`generate-migrations`, `create`,
/// `migrate`, `rollback`, `drop`, `status`) to embed in a binary.
#[cfg(feature = "cli")]
pub use resource_runtime::cli;

// The guides need the default features: their examples use SQLite and the CLI.
#[cfg(all(any(doc, doctest), feature = "sqlite", feature = "cli"))]
pub mod guides;

/// The block form of the resource macro.
pub mod dsl {
    /// `resource! { pub User { attributes { .. } actions { .. } } }`.
    pub use resource_macros::resource_block as resource;
}

/// What a module declaring resources usually needs. The block macro is not
/// here, as it would collide with the attribute: `use resource::dsl::resource;`.
pub mod prelude {
    pub use resource_macros::{Atom, expr, resource};
    // The helpers of `#[resource]`: read by it when below it; as macros,
    // they say "put `#[resource]` first" when written above it.
    #[doc(hidden)]
    pub use resource_macros::{
        action, actions, aggregate, attribute, belongs_to, calculate, change, has_many, has_one, identity,
        many_to_many, postgres, sqlite, validate,
    };
    #[cfg(feature = "postgres")]
    pub use resource_runtime::Postgres;
    #[cfg(feature = "sqlite")]
    pub use resource_runtime::Sqlite;
    pub use resource_runtime::{
        Atom, Changeset, CiString, Decimal, Domain, Error, Ets, Loaded, Page, PageRequest, Related, Repo, Resource,
        Uuid, dec,
    };
}

#[doc(hidden)]
pub use resource_runtime::__private;
