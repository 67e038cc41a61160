//! The product both SQLite benches store, and the raw side's record of the
//! same Rust types (`benches/sqlite.rs`, `benches/sqlite_readers.rs`); each
//! bench uses part of what the resource generates.

#![allow(dead_code)]

use resource::dsl::resource;
use resource::prelude::*;

resource! {
    pub Product {
        data_layer: Sqlite,
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true, constraints { max_length: 100 } }
            attribute price: Decimal { allow_nil: false, public: true, constraints { min: 0 } }
            attribute stock: i64 { allow_nil: false, public: true, default: 0 }
        }
        identities {
            identity unique_name [name];
        }
        actions {
            default_accept [name, price, stock];
            defaults [create, read, update, destroy];
        }
        sqlite {
            table: "products";
        }
    }
}

/// The raw side's record: the same Rust types as `Product`.
pub struct RawProduct {
    pub id: Uuid,
    pub name: String,
    pub price: Decimal,
    pub stock: i64,
}
