//! The read wing: `Query` (what `Product::read()` builds, `query.rs`), its
//! preparation against the read action (`prepare.rs`), the rows and loads
//! every layer gets the same way (`rows.rs`; what to load: `load.rs`), lookups by key
//! (`get.rs`), pages and cursors (`page.rs`, `cursor.rs`) and `select`.

pub(crate) mod check;
pub(crate) mod cursor;
pub(crate) mod get;
pub mod load;
pub mod page;
pub(crate) mod prepare;
pub mod query;
pub(crate) mod rows;
pub mod select;
