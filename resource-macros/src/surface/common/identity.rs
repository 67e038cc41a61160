//! The options of an identity: `identity unique_email [email] { pre_check: true }`
//! in the block form, `#[identity(unique_email, keys(email), pre_check)]`.

use super::spelling::{flag, ident_list, string};
use super::table::{option_table, set_once};
use crate::model::Identity;

option_table! {
    pub IDENTITY: Identity, names IDENTITY_OPTIONS;
    "pre_check" => set_once!(pre_check, flag),
    "eager_check" => set_once!(eager_check, flag),
    "message" => set_once!(message, string),
    "nils_distinct" => set_once!(nils_distinct, flag),
    "field_names" => set_once!(field_names, ident_list),
}
