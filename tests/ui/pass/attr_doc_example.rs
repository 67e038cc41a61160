//! The example of `docs/attribute-surface.md`.

use resource::prelude::*;

/// A customer.
#[resource(data_layer = ets)]
#[identity(unique_email, keys(email), pre_check, message = "is taken")]
#[validate(present(first_name, last_name, at_least = 1), on(create))]
#[actions(default_accept(first_name, last_name, email), defaults(create, read, update, destroy))]
#[action(create, new_customer,
    accept(first_name, last_name, email),
    argument(password: String, allow_nil = false, constraints(min_length = 8)),
    argument(password_confirmation: String),
    change(set_attribute(account_type, "customer")),
    validate(confirm(password, password_confirmation)),
    upsert, upsert_identity = unique_email, upsert_fields(first_name))]
#[action(read, admins, filter(admin == true))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    /// Shown on the card.
    #[attribute(public, allow_nil = false, constraints(max_length = 100, match = "^[A-Z]"))]
    pub first_name: String,
    #[attribute(public)]
    pub last_name: Option<String>,
    #[attribute(public)]
    pub email: CiString,
    #[attribute(public, default = false)]
    pub admin: bool,
    pub account_type: Option<String>,
}

fn main() {
    assert_eq!(<User as Resource>::info().actions.len(), 6);
}
