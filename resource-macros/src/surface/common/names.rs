//! The keywords and value names valid at each spot of a resource
//! declaration. Both surfaces record an unknown name together with one of
//! these lists, so the validator can suggest the closest valid name. The
//! names of options are their tables' (`table.rs`), and the names of
//! validation rules are `rules.rs`'s, not listed here.

use super::action::ACTIONS_OPTIONS;
use super::table::concat;

pub const RESOURCE_SECTIONS: &[&str] = &[
    "data_layer",
    "embed_nil_values",
    "attributes",
    "identities",
    "validations",
    "changes",
    "actions",
    "calculations",
    "relationships",
    "aggregates",
    "sqlite",
    "postgres",
];
pub const DATA_LAYERS: &[&str] = &["Ets", "Sqlite", "Postgres", "Embedded"];
/// The data layers as the attribute surface spells them (`data_layer = sqlite`).
pub const DATA_LAYERS_LOWERCASE: &[&str] = &["ets", "sqlite", "postgres", "embedded"];

pub const ATTRIBUTE_KEYWORDS: &[&str] =
    &["attribute", "uuid_primary_key", "integer_primary_key", "create_timestamp", "update_timestamp"];

pub const IDENTITY_KEYWORDS: &[&str] = &["identity"];

pub const VALIDATION_KEYWORDS: &[&str] = &["validate"];
pub const CHANGE_KEYWORDS: &[&str] = &["change"];
pub const COUNT_OPTIONS: &[&str] = &["at_least", "at_most", "exactly"];
pub const STRING_LENGTH_OPTIONS: &[&str] = &["min", "max", "exact"];
pub const COMPARE_OPTIONS: &[&str] =
    &["greater_than", "greater_than_or_equal_to", "less_than", "less_than_or_equal_to", "is_equal"];

pub const ACTION_KINDS: &[&str] = &["create", "read", "update", "destroy"];
/// The `actions` section: its own options, then one entry per action kind.
pub const ACTIONS_KEYWORDS: &[&str] =
    &concat::<{ ACTIONS_OPTIONS.len() + ACTION_KINDS.len() }>(ACTIONS_OPTIONS, ACTION_KINDS);
pub const CHANGES: &[&str] = &["set_attribute", "set_new_attribute"];
pub const UPSERT_FIELDS: &[&str] = &["replace_all", "replace_all_except", "replace"];

pub const CALCULATION_KEYWORDS: &[&str] = &["calculate"];
pub const RELATIONSHIP_KEYWORDS: &[&str] = &["belongs_to", "has_one", "has_many", "many_to_many"];
pub const AGGREGATE_KEYWORDS: &[&str] = crate::model::AggregateKind::KEYWORDS;
pub const SORT_ORDERS: &[&str] = &["asc", "desc", "asc_nils_first", "desc_nils_last"];

/// What the names of a list are, for the message "unknown <noun> `x`".
pub fn noun(expected: &[&str]) -> &'static str {
    use super::constraints::CONSTRAINTS;
    use super::rules::VALIDATIONS;
    use super::sqlite::{CUSTOM_INDEXES_KEYWORDS, CUSTOM_STATEMENTS_KEYWORDS};
    let nouns: [(&[&str], &str); 19] = [
        (RESOURCE_SECTIONS, "section"),
        (CALCULATION_KEYWORDS, "keyword"),
        (RELATIONSHIP_KEYWORDS, "relationship type"),
        (AGGREGATE_KEYWORDS, "aggregate type"),
        (SORT_ORDERS, "sort order"),
        (DATA_LAYERS, "data layer"),
        (DATA_LAYERS_LOWERCASE, "data layer"),
        (ATTRIBUTE_KEYWORDS, "keyword"),
        (IDENTITY_KEYWORDS, "keyword"),
        (VALIDATION_KEYWORDS, "keyword"),
        (CHANGE_KEYWORDS, "keyword"),
        (ACTIONS_KEYWORDS, "keyword"),
        (CONSTRAINTS, "constraint"),
        (VALIDATIONS, "validation"),
        (ACTION_KINDS, "action type"),
        (CHANGES, "change"),
        (UPSERT_FIELDS, "`upsert_fields` value"),
        (CUSTOM_INDEXES_KEYWORDS, "keyword"),
        (CUSTOM_STATEMENTS_KEYWORDS, "keyword"),
    ];
    nouns.iter().find(|(names, _)| *names == expected).map_or("option", |(_, noun)| noun)
}
