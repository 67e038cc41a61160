//! The write wing: an action's input (`input.rs`), the changeset lifecycle
//! (`changeset.rs`: cast, defaults, changes, validations, the data-layer
//! write; its parts: custom changes and validations, `changeset/change.rs`,
//! and hooks, `changeset/hooks.rs`), identity checks (`identity.rs`),
//! foreign keys on layers without native ones (`foreign_key.rs`), the built-in validations
//! (`validation.rs`) and bulk creates (`bulk.rs`).

pub(crate) mod bulk;
pub mod changeset;
#[cfg(test)]
mod changeset_tests;
pub(crate) mod foreign_key;
#[cfg(test)]
mod foreign_key_tests;
#[cfg(test)]
mod hooks_tests;
pub(crate) mod identity;
pub mod input;
pub(crate) mod validation;

// Parts of the changeset (they and it name each other), at the wing's level.
pub use changeset::{change, hooks};
