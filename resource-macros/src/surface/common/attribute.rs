//! The options of an attribute: `attribute name: String { allow_nil: false, public: true }`
//! in the block form, `#[attribute(allow_nil = false, public)]` on a field.

use super::constraints::set_constraints;
use super::spelling::{expr, flag, string};
use super::table::{option_table, set_once};
use crate::model::Attribute;

option_table! {
    pub ATTRIBUTE: Attribute, names ATTRIBUTE_OPTIONS;
    "allow_nil" => set_once!(allow_nil, flag),
    "public" => set_once!(public, flag),
    "writable" => set_once!(writable, flag),
    "primary_key" => set_once!(primary_key, flag),
    "sensitive" => set_once!(sensitive, flag),
    "generated" => set_once!(generated, flag),
    "default" => set_once!(default, expr),
    "update_default" => set_once!(update_default, expr),
    "description" => set_once!(description, string),
    "constraints" => |attribute, key, input, cx| set_constraints(&mut attribute.constraints, key, input, cx),
}
