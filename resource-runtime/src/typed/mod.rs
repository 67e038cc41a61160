//! The typed skin that generated code implements and users hold: the
//! `Resource` trait and value conversions (`resource.rs`), field and
//! relationship handles (`field.rs`), the kinds `expr!` checks operands by (`operand.rs`), loaded values on records (`loaded.rs`, relationships in `related.rs`)
//! and the untyped record they are filled from (`record.rs`).

pub mod embed_path;
pub mod embedded;
pub mod field;
pub mod field_list;
pub mod loaded;
pub mod operand;
pub mod record;
pub mod related;
pub mod resource;
