//! Data layers: the trait the action runner talks to (`layer.rs`) and what
//! a read asks of it (`query.rs`); which `belongs_to` are foreign keys and
//! what their violations say (`foreign_key.rs`); unique custom indexes
//! (`custom_index.rs`); the built-in ETS-like store (`ets/`); the
//! SQL compiler shared by SQL databases (`sql/`), and one folder per SQL
//! database behind its cargo feature (`sqlite/`).
//!
//! Nothing above this module names a backend: the domain maps repos to
//! `Arc<dyn DataLayer>` and reads what a layer can do from its
//! [`Capabilities`].

pub mod custom_index;
pub mod ets;
pub mod foreign_key;
pub mod layer;
pub mod migration;
#[cfg(feature = "postgres")]
pub mod postgres;
pub mod query;
// The SQL shared by SQL databases. Compiled in every build: the migration
// generator writes DDL from it without any database's driver (the parts
// only a driver runs are gated in `sql/mod.rs`).
pub mod sql;
#[cfg(feature = "sqlite")]
pub mod sqlite;

use std::sync::Arc;

pub use layer::{Capabilities, CommitCheck, DataLayer, EachRow, IntoDataLayer, Target, hand_over};
pub use query::DataQuery;

use crate::info::DataLayerKind;

/// The layer a resource declaring `kind` gets when the domain is given none:
/// a fresh in-memory store for `Ets` (it needs no configuration), nothing
/// for the others (a database must be given).
pub(crate) fn built_in(kind: DataLayerKind) -> Option<Arc<dyn DataLayer>> {
    match kind {
        DataLayerKind::Ets => Some(Arc::new(ets::Ets::new())),
        _ => None,
    }
}
