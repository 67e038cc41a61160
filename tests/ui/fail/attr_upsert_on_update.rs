use resource::prelude::*;

#[resource]
#[identity(unique_email, keys(email))]
#[action(update, sync, upsert, upsert_identity = unique_email)]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub email: String,
}

fn main() {}
