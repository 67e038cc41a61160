//! The settings of a resource's SQL section (`sqlite { .. }`; a future
//! `postgres { .. }` fills the same struct): grouped here so that the rest
//! of the description stays free of any one backend's options.

/// The SQL section of a resource: where and how a SQL data layer stores it,
/// and what the migration generator writes for it. Every list is in
/// declaration order; names are attribute, identity and relationship names.
///
/// The macros write it from `sqlite { .. }` (`#[sqlite(..)]`), spelling out
/// only the options written and taking the rest from [`SqlInfo::DEFAULT`];
/// `docs/sqlite-section.md` lists every option with its Ash spelling. In a
/// table the macros wrote, every name has been checked at compile time (the
/// attributes, identities and `belongs_to` relationships it names exist).
#[derive(Debug, Clone, Copy)]
pub struct SqlInfo {
    /// The SQL table (`sqlite { table: ".." }`); defaults to the short name.
    pub table: Option<&'static str>,
    /// AshSqlite's `repo`: which database the resource lives in, as a Rust
    /// type the domain maps to a data layer (`DomainBuilder::with_repo`).
    pub repo: Option<fn() -> RepoId>,
    /// Unique indexes other than the identities' whose violations the SQL
    /// layer reports as field errors (`sqlite { unique_index_names: .. }`).
    pub unique_index_names: &'static [UniqueIndexName],
    /// AshSqlite's `polymorphic?`: one resource stored in several tables,
    /// chosen per relationship (its context table) or per query.
    pub polymorphic: bool,
    /// AshSqlite's `migrate?` (default true): whether the migration generator
    /// includes the resource.
    pub migrate: bool,
    /// AshSqlite's `migration_types`: `(attribute, SQL type)`, the column type
    /// the generator writes instead of the default mapping.
    pub migration_types: &'static [(&'static str, &'static str)],
    /// AshSqlite's `migration_defaults`: `(attribute, SQL expression)`, the
    /// column's `DEFAULT`, written verbatim.
    pub migration_defaults: &'static [(&'static str, &'static str)],
    /// AshSqlite's `migration_ignore_attributes`: attributes the generator
    /// leaves out of the table.
    pub migration_ignore_attributes: &'static [&'static str],
    /// AshSqlite's `base_filter_sql`: the `WHERE` of every identity's unique
    /// index (a raw SQL condition).
    pub base_filter_sql: Option<&'static str>,
    /// AshSqlite's `skip_unique_indexes`: identities whose unique index the
    /// generator does not write (enforced some other way).
    pub skip_unique_indexes: &'static [&'static str],
    /// AshSqlite's `identity_index_names`: `(identity, index name)`, replacing
    /// `<table>_<identity>_index`.
    pub identity_index_names: &'static [(&'static str, &'static str)],
    /// AshSqlite's `foreign_key_names`: foreign keys whose violations are
    /// reported on `key` with a message.
    pub foreign_key_names: &'static [ForeignKeyName],
    /// AshSqlite's `custom_indexes { index [..] { .. } }`.
    pub custom_indexes: &'static [CustomIndex],
    /// AshSqlite's `custom_statements { statement NAME { up, down } }`.
    pub custom_statements: &'static [CustomStatement],
    /// AshSqlite's `references { reference REL { .. } }`: how each
    /// `belongs_to` becomes a foreign key.
    pub references: &'static [Reference],
    /// AshSqlite's `references { polymorphic_on_delete: .. }`.
    pub polymorphic_on_delete: Option<ReferenceAction>,
    /// AshSqlite's `references { polymorphic_on_update: .. }`.
    pub polymorphic_on_update: Option<ReferenceAction>,
}

impl SqlInfo {
    /// No SQL section: every setting at its default.
    pub const DEFAULT: SqlInfo = SqlInfo {
        table: None,
        repo: None,
        unique_index_names: &[],
        polymorphic: false,
        migrate: true,
        migration_types: &[],
        migration_defaults: &[],
        migration_ignore_attributes: &[],
        base_filter_sql: None,
        skip_unique_indexes: &[],
        identity_index_names: &[],
        foreign_key_names: &[],
        custom_indexes: &[],
        custom_statements: &[],
        references: &[],
        polymorphic_on_delete: None,
        polymorphic_on_update: None,
    };

    /// The `reference` configured for relationship `relationship`, if any.
    pub fn reference(&self, relationship: &str) -> Option<&'static Reference> {
        self.references.iter().find(|reference| reference.relationship == relationship)
    }

    /// The `migration_types` entry of `attribute`.
    pub fn migration_type(&self, attribute: &str) -> Option<&'static str> {
        lookup(self.migration_types, attribute)
    }

    /// The `migration_defaults` entry of `attribute`.
    pub fn migration_default(&self, attribute: &str) -> Option<&'static str> {
        lookup(self.migration_defaults, attribute)
    }

    /// The `identity_index_names` entry of `identity`.
    pub fn identity_index_name(&self, identity: &str) -> Option<&'static str> {
        lookup(self.identity_index_names, identity)
    }

    /// Whether the generator leaves `attribute` out (`migration_ignore_attributes`).
    pub fn ignores_attribute(&self, attribute: &str) -> bool {
        self.migration_ignore_attributes.contains(&attribute)
    }

    /// Whether the generator writes no unique index for `identity` (`skip_unique_indexes`).
    pub fn skips_unique_index(&self, identity: &str) -> bool {
        self.skip_unique_indexes.contains(&identity)
    }
}

fn lookup(pairs: &'static [(&'static str, &'static str)], key: &str) -> Option<&'static str> {
    pairs.iter().find(|(name, _)| *name == key).map(|(_, value)| *value)
}

/// `foreign_key_names: [(author_id, "posts_author_fkey", "no such author")]`.
#[derive(Debug)]
pub struct ForeignKeyName {
    /// The attribute the violation is reported on.
    pub key: &'static str,
    /// The foreign key's name in the database.
    pub name: &'static str,
    /// Replaces "does not exist".
    pub message: Option<&'static str>,
}

/// One term of a custom index: a column, or a raw SQL expression
/// (`index ["lower(email)"]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexField {
    /// An attribute's column, quoted by the dialect.
    Column(&'static str),
    /// SQL written verbatim.
    Sql(&'static str),
}

/// `custom_indexes { index [a, b] { name: "..", unique: true, where: "..", message: "..", include: [c] } }`.
#[derive(Debug)]
pub struct CustomIndex {
    /// The indexed terms, in order.
    pub fields: &'static [IndexField],
    /// The index's name; defaults to `<table>_<fields joined by _>_index`.
    pub name: Option<&'static str>,
    /// A unique index: its violations are field errors on its columns.
    pub unique: bool,
    /// A partial index's condition (raw SQL).
    pub where_sql: Option<&'static str>,
    /// Replaces "has already been taken" for a unique index.
    pub message: Option<&'static str>,
    /// AshSqlite's `include` (covering columns: attribute names, or names
    /// written as strings). SQLite has no covering indexes: recorded, not written.
    pub include: &'static [&'static str],
    /// AshSqlite's `using` (the index method). SQLite has one kind of index:
    /// recorded, not written.
    pub using: Option<&'static str>,
}

/// `custom_statements { statement NAME { up: "..", down: ".." } }`: SQL the
/// generator writes into migrations, after the tables and indexes.
#[derive(Debug)]
pub struct CustomStatement {
    /// Unique within the resource; a changed `up` is written as `down` of
    /// the old statement then `up` of the new one.
    pub name: &'static str,
    /// Creates the structure (raw SQL, one or more statements).
    pub up: &'static str,
    /// Tears it down.
    pub down: &'static str,
}

/// What happens to referencing rows when the referenced row is deleted or its
/// key updated (AshSqlite's `:delete`/`:update`, `:nilify`, `:nothing`, `:restrict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReferenceAction {
    /// `ON DELETE CASCADE` / `ON UPDATE CASCADE` (Ash's `:delete` / `:update`).
    Cascade,
    /// `SET NULL` (Ash's `:nilify`).
    Nilify,
    /// `NO ACTION` (Ash's `:nothing`, the default): checked at the end of the statement.
    Nothing,
    /// `RESTRICT`: checked at once.
    Restrict,
}

/// A foreign key's `DEFERRABLE` setting (AshSqlite's `deferrable`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Deferrable {
    /// `false` (the default): not deferrable.
    #[default]
    No,
    /// `true`: `DEFERRABLE INITIALLY IMMEDIATE`.
    Yes,
    /// `:initially`: `DEFERRABLE INITIALLY DEFERRED`.
    Initially,
}

/// `references { reference author { on_delete: delete, name: "..", .. } }`.
#[derive(Debug)]
pub struct Reference {
    /// The `belongs_to` relationship it configures.
    pub relationship: &'static str,
    /// `on_delete`; `None` is Ash's default, `:nothing`.
    pub on_delete: Option<ReferenceAction>,
    /// `on_update`; `None` is `:nothing`.
    pub on_update: Option<ReferenceAction>,
    /// `deferrable` (only affects the generated DDL).
    pub deferrable: Deferrable,
    /// The constraint's name; defaults to `<table>_<source attribute>_fkey`.
    pub name: Option<&'static str>,
    /// `ignore?`: no foreign key for this relationship.
    pub ignore: bool,
    /// `index?`: also index the source attribute.
    pub index: bool,
}

/// A unique index that is not an identity's (AshSqlite's
/// `unique_index_names {[:keys], "name", "message"}`): a violation of the
/// index called `name` is reported as "taken" on `keys`, with `message`
/// (default "has already been taken").
#[derive(Debug)]
pub struct UniqueIndexName {
    /// The attributes the index covers; the error is reported on them.
    pub keys: &'static [&'static str],
    /// The index's name in the database.
    pub name: &'static str,
    /// Replaces "has already been taken".
    pub message: Option<&'static str>,
}

impl UniqueIndexName {
    /// The message of a violation: `message`, else "has already been taken".
    pub fn message(&self) -> &'static str {
        self.message.unwrap_or("has already been taken")
    }
}

/// A repo type's identity, for `sqlite { repo: T }` (see `resource::Repo`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RepoId {
    /// The repo type's `TypeId`, the key the domain looks its layer up by.
    pub id: std::any::TypeId,
    /// The repo type's name, for messages.
    pub name: &'static str,
}

/// Marks a type as naming a database (Ash's `Repo` module): resources say
/// `sqlite { repo: HelpdeskRepo; }` and the domain gives the database with
/// `Domain::new().with_repo::<HelpdeskRepo>(Sqlite::open(path)?)`.
pub trait Repo: 'static {}

/// The `RepoId` of `R`; generated code stores `repo_id::<R>` in the table.
pub fn repo_id<R: Repo>() -> RepoId {
    RepoId { id: std::any::TypeId::of::<R>(), name: std::any::type_name::<R>() }
}
