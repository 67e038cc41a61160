//! The names valid at each spot of a resource declaration. Both surfaces
//! record an unknown name together with one of these lists, so the validator
//! can suggest the closest valid name.

pub const RESOURCE_SECTIONS: &[&str] = &[
    "data_layer",
    "attributes",
    "identities",
    "validations",
    "actions",
    "calculations",
    "relationships",
    "aggregates",
    "sqlite",
];
pub const DATA_LAYERS: &[&str] = &["Ets", "Sqlite", "Embedded"];

pub const ATTRIBUTE_KEYWORDS: &[&str] =
    &["attribute", "uuid_primary_key", "integer_primary_key", "create_timestamp", "update_timestamp"];
pub const ATTRIBUTE_OPTIONS: &[&str] = &[
    "allow_nil",
    "public",
    "writable",
    "primary_key",
    "sensitive",
    "generated",
    "default",
    "update_default",
    "description",
    "constraints",
];
pub const CONSTRAINTS: &[&str] =
    &["min_length", "max_length", "match", "trim", "allow_empty", "min", "max", "greater_than", "less_than"];

pub const IDENTITY_KEYWORDS: &[&str] = &["identity"];
pub const IDENTITY_OPTIONS: &[&str] = &["pre_check", "eager_check", "message", "nils_distinct", "field_names"];

pub const VALIDATION_KEYWORDS: &[&str] = &["validate"];
pub const VALIDATIONS: &[&str] = &[
    "present",
    "absent",
    "string_length",
    "compare",
    "match",
    "one_of",
    "attribute_equals",
    "attribute_does_not_equal",
    "confirm",
];
pub const VALIDATION_OPTIONS: &[&str] = &["on", "message"];
pub const COUNT_OPTIONS: &[&str] = &["at_least", "at_most", "exactly"];
pub const STRING_LENGTH_OPTIONS: &[&str] = &["min", "max", "exact"];
pub const COMPARE_OPTIONS: &[&str] =
    &["greater_than", "greater_than_or_equal_to", "less_than", "less_than_or_equal_to", "is_equal"];

pub const ACTIONS_KEYWORDS: &[&str] = &["default_accept", "defaults", "create", "read", "update", "destroy"];
pub const ACTION_KINDS: &[&str] = &["create", "read", "update", "destroy"];
pub const ACTION_OPTIONS: &[&str] = &[
    "accept",
    "require_attributes",
    "primary",
    "argument",
    "change",
    "validate",
    "upsert",
    "upsert_identity",
    "upsert_fields",
    "filter",
    "get",
    "get_by",
    "pagination",
];
pub const PAGINATION_OPTIONS: &[&str] = &["offset", "keyset", "default_limit", "max_page_size", "countable"];
pub const ARGUMENT_OPTIONS: &[&str] = &["allow_nil", "sensitive", "default", "constraints"];
pub const CHANGES: &[&str] = &["set_attribute", "set_new_attribute"];
pub const UPSERT_FIELDS: &[&str] = &["replace_all", "replace_all_except", "replace"];

pub const SQLITE_OPTIONS: &[&str] = &["table", "repo", "polymorphic", "unique_index_names"];

pub const CALCULATION_KEYWORDS: &[&str] = &["calculate"];
pub const CALCULATION_OPTIONS: &[&str] = &["public", "description"];
pub const RELATIONSHIP_KEYWORDS: &[&str] = &["belongs_to", "has_one", "has_many", "many_to_many"];
pub const RELATIONSHIP_OPTIONS: &[&str] = &[
    "source_attribute",
    "destination_attribute",
    "through",
    "source_attribute_on_join_resource",
    "destination_attribute_on_join_resource",
    "allow_nil",
    "public",
    "attribute_type",
    "define_attribute",
    "attribute_writable",
    "context",
    "description",
];
pub const CONTEXT_OPTIONS: &[&str] = &["table"];
pub const AGGREGATE_KEYWORDS: &[&str] = crate::model::AggregateKind::KEYWORDS;
pub const AGGREGATE_OPTIONS: &[&str] =
    &["filter", "field", "sort", "default", "uniq", "include_nil", "public", "description"];
pub const SORT_ORDERS: &[&str] = &["asc", "desc", "asc_nils_first", "desc_nils_last"];

/// What the names of a list are, for the message "unknown <noun> `x`".
pub fn noun(expected: &[&str]) -> &'static str {
    let nouns: [(&[&str], &str); 14] = [
        (RESOURCE_SECTIONS, "section"),
        (CALCULATION_KEYWORDS, "keyword"),
        (RELATIONSHIP_KEYWORDS, "relationship type"),
        (AGGREGATE_KEYWORDS, "aggregate type"),
        (SORT_ORDERS, "sort order"),
        (DATA_LAYERS, "data layer"),
        (ATTRIBUTE_KEYWORDS, "keyword"),
        (IDENTITY_KEYWORDS, "keyword"),
        (VALIDATION_KEYWORDS, "keyword"),
        (ACTIONS_KEYWORDS, "keyword"),
        (CONSTRAINTS, "constraint"),
        (VALIDATIONS, "validation"),
        (ACTION_KINDS, "action type"),
        (CHANGES, "change"),
    ];
    nouns.iter().find(|(names, _)| *names == expected).map_or("option", |(_, noun)| noun)
}
