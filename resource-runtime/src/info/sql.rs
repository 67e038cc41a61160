//! The settings of a resource's SQL section (`sqlite { .. }`; a future
//! `postgres { .. }` fills the same struct): grouped here so that the rest
//! of the description stays free of any one backend's options.

/// The SQL section of a resource: where and how a SQL data layer stores it.
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
}

impl SqlInfo {
    /// No SQL section: every setting at its default.
    pub const DEFAULT: SqlInfo = SqlInfo { table: None, repo: None, unique_index_names: &[], polymorphic: false };
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
