//! The two ways to declare a resource. Each translates syntax into
//! `model::Resource` and reports only syntax errors; every semantic rule is
//! in `validate`, so both surfaces give the same messages.

pub mod attr;
pub mod block;
pub mod common;
