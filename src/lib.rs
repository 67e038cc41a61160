//! Declarative resources for Rust (being written).
pub use resource_runtime::*;
