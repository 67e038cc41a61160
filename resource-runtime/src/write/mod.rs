//! The write wing: an action's input (`input.rs`), the changeset lifecycle
//! (`changeset.rs`: cast, defaults, changes, validations, the data-layer
//! write), identity checks (`identity.rs`), the built-in validations
//! (`validation.rs`) and bulk creates (`bulk.rs`).

pub(crate) mod bulk;
pub mod changeset;
#[cfg(test)]
mod changeset_tests;
pub(crate) mod identity;
pub mod input;
pub(crate) mod validation;
