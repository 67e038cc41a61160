//! The `sqlite { .. }` section (`#[sqlite(..)]` on the struct), as declared:
//! AshSqlite's `sqlite` options and its nested `custom_indexes`,
//! `custom_statements` and `references` sections. `docs/sqlite-section.md`
//! lists every option.

use proc_macro2::Span;
use syn::{Ident, LitStr};

use super::{Flag, Spanned};

/// `sqlite { table: "name"; unique_index_names: [([keys], "index", "message")]; .. }`.
/// A list option written twice (or in two `#[sqlite(..)]`) adds to the first.
#[derive(Debug, Clone)]
pub struct Sqlite {
    pub table: Option<LitStr>,
    /// AshSqlite's `polymorphic?`: the table is chosen per relationship or query.
    pub polymorphic: Option<Flag>,
    /// AshSqlite's `unique_index_names`: indexes outside the identities whose
    /// violations are reported on `keys`.
    pub unique_index_names: Vec<UniqueIndexName>,
    /// AshSqlite's `repo`: a Rust type implementing `resource::Repo`; the
    /// domain maps it to a database with `with_repo::<T>(..)`.
    pub repo: Option<syn::Path>,
    /// AshSqlite's `migrate?` (default true).
    pub migrate: Option<Flag>,
    /// `migration_types: [price: "NUMERIC"]`: attribute to SQL column type.
    pub migration_types: Vec<KeyValue>,
    /// `migration_defaults: [status: "'open'"]`: attribute to SQL default, verbatim.
    pub migration_defaults: Vec<KeyValue>,
    /// `migration_ignore_attributes: [legacy]`.
    pub migration_ignore_attributes: Vec<Ident>,
    /// `base_filter_sql: "archived = 0"`.
    pub base_filter_sql: Option<LitStr>,
    /// `skip_unique_indexes: [unique_slug]`: identity names.
    pub skip_unique_indexes: Vec<Ident>,
    /// `identity_index_names: [unique_slug: "posts_slug_index"]`: identity to index name.
    pub identity_index_names: Vec<KeyValue>,
    /// `foreign_key_names: [(author_id, "posts_author_fkey", "no such author")]`.
    pub foreign_key_names: Vec<KeyName>,
    /// `exclusion_constraint_names: [(starts_at, "no_overlap")]`: parsed and
    /// checked like `foreign_key_names`; SQLite has no exclusion constraints.
    pub exclusion_constraint_names: Vec<KeyName>,
    /// `custom_indexes { index [a, b] { .. } }`.
    pub custom_indexes: Vec<CustomIndex>,
    /// `custom_statements { statement name { up: "..", down: ".." } }`.
    pub custom_statements: Vec<CustomStatement>,
    /// `references { polymorphic_on_delete: ..; reference author { .. } }`.
    pub references: References,
}

impl Sqlite {
    /// An empty section.
    pub fn new() -> Self {
        Sqlite {
            table: None,
            polymorphic: None,
            unique_index_names: Vec::new(),
            repo: None,
            migrate: None,
            migration_types: Vec::new(),
            migration_defaults: Vec::new(),
            migration_ignore_attributes: Vec::new(),
            base_filter_sql: None,
            skip_unique_indexes: Vec::new(),
            identity_index_names: Vec::new(),
            foreign_key_names: Vec::new(),
            exclusion_constraint_names: Vec::new(),
            custom_indexes: Vec::new(),
            custom_statements: Vec::new(),
            references: References::default(),
        }
    }
}

/// `([email], "users_email_index", "is already registered")`.
#[derive(Debug, Clone)]
pub struct UniqueIndexName {
    pub keys: Vec<Ident>,
    pub name: LitStr,
    pub message: Option<LitStr>,
}

/// One entry of a keyword list, `price: "NUMERIC"` (attribute form `price = "NUMERIC"`).
#[derive(Debug, Clone)]
pub struct KeyValue {
    pub key: Ident,
    pub value: LitStr,
}

/// `(author_id, "posts_author_fkey")` or `(author_id, "posts_author_fkey", "message")`.
#[derive(Debug, Clone)]
pub struct KeyName {
    /// The attribute a violation is reported on.
    pub key: Ident,
    pub name: LitStr,
    pub message: Option<LitStr>,
}

/// `index [title, "lower(body)"] { name: "..", unique: true, where: "..", .. }`.
#[derive(Debug, Clone)]
pub struct CustomIndex {
    /// The `index` keyword, where "no fields" points.
    pub span: Span,
    pub fields: Vec<IndexField>,
    pub name: Option<LitStr>,
    pub unique: Option<Flag>,
    /// `where: "sql"`: a partial index's condition.
    pub where_sql: Option<LitStr>,
    pub message: Option<LitStr>,
    /// `include: [c]`: covering columns (recorded; SQLite has no covering indexes).
    pub include: Vec<IndexField>,
    /// `using: ".."`: the index method (recorded; SQLite has one kind).
    pub using: Option<LitStr>,
}

impl CustomIndex {
    pub fn new(span: Span, fields: Vec<IndexField>) -> Self {
        CustomIndex {
            span,
            fields,
            name: None,
            unique: None,
            where_sql: None,
            message: None,
            include: Vec::new(),
            using: None,
        }
    }
}

/// A term of a custom index: an attribute, or SQL written verbatim (`"lower(email)"`).
#[derive(Debug, Clone)]
pub enum IndexField {
    Attribute(Ident),
    Sql(LitStr),
}

/// `statement name { up: "..", down: "..", code: false }`.
#[derive(Debug, Clone)]
pub struct CustomStatement {
    pub ident: Ident,
    pub up: Option<LitStr>,
    pub down: Option<LitStr>,
    /// Ash's `code?`: only `false` means something here (see the validator).
    pub code: Option<Flag>,
}

impl CustomStatement {
    pub fn new(ident: Ident) -> Self {
        CustomStatement { ident, up: None, down: None, code: None }
    }
}

/// The `references` section.
#[derive(Debug, Clone, Default)]
pub struct References {
    pub polymorphic_on_delete: Option<Spanned<ReferenceAction>>,
    pub polymorphic_on_update: Option<Spanned<ReferenceAction>>,
    pub references: Vec<Reference>,
}

/// `reference author { on_delete: delete, on_update: update, deferrable: true, name: "..", ignore: true, index: true }`.
#[derive(Debug, Clone)]
pub struct Reference {
    /// The `belongs_to` relationship it configures.
    pub relationship: Ident,
    pub on_delete: Option<Spanned<ReferenceAction>>,
    pub on_update: Option<Spanned<ReferenceAction>>,
    pub deferrable: Option<Spanned<Deferrable>>,
    pub name: Option<LitStr>,
    pub ignore: Option<Flag>,
    pub index: Option<Flag>,
}

impl Reference {
    pub fn new(relationship: Ident) -> Self {
        Reference {
            relationship,
            on_delete: None,
            on_update: None,
            deferrable: None,
            name: None,
            ignore: None,
            index: None,
        }
    }
}

/// Ash's `:delete` (on_delete) / `:update` (on_update), `:nilify`, `:nothing`, `:restrict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceAction {
    Cascade,
    Nilify,
    Nothing,
    Restrict,
}

/// `deferrable: false | true | initially`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deferrable {
    No,
    Yes,
    Initially,
}
