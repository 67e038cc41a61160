//! Procedural macros of the `resource` crate (being written).
mod model;
