use resource::prelude::*;

#[resource]
#[identity(unique_email, keys(email))]
#[action(create, upsert_user, upsert_identity = unique_email, upsert_fields = replace_all)]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub email: String,
}

fn main() {}
