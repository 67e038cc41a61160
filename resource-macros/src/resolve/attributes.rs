//! An attribute's options with Ash's defaults for its kind applied.

use super::option_inner;
use crate::model::{Attribute, AttributeKind, Flag};

pub struct Effective {
    pub allow_nil: bool,
    pub public: bool,
    pub writable: bool,
    pub primary_key: bool,
    pub sensitive: bool,
    pub generated: bool,
}

/// Ash's defaults per kind (research/ash.md §1a), overridden by what the user wrote.
/// `allow_nil` follows the written type: `Option<T>` is nullable.
pub fn effective(attribute: &Attribute) -> Effective {
    let key = matches!(attribute.kind, AttributeKind::UuidPrimaryKey | AttributeKind::IntegerPrimaryKey);
    let (public, writable, generated) = match attribute.kind {
        AttributeKind::Plain => (false, true, false),
        AttributeKind::UuidPrimaryKey => (true, false, false),
        AttributeKind::IntegerPrimaryKey => (true, false, true),
        AttributeKind::CreateTimestamp | AttributeKind::UpdateTimestamp => (false, false, false),
    };
    let flag = |flag: Option<Flag>, default: bool| flag.map_or(default, |f| f.value);
    Effective {
        allow_nil: option_inner(&attribute.ty).is_some(),
        public: flag(attribute.public, public),
        writable: flag(attribute.writable, writable),
        primary_key: flag(attribute.primary_key, key),
        sensitive: flag(attribute.sensitive, false),
        generated: flag(attribute.generated, generated),
    }
}
