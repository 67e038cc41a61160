// `upsert_fields` takes a list or `replace_all`, `replace_all_except(..)`, `replace(..)`.
use resource::prelude::*;

#[resource]
#[identity(unique_email, keys(email))]
#[action(create, import, upsert, upsert_identity = unique_email, upsert_fields = replace_al)]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub email: String,
}

fn main() {}
