use resource::prelude::*;

#[resource]
#[identity(unique_email, keys(email))]
#[action(create, import, upsert, upsert_identity = unique_emial, upsert_fields(emial))]
#[action(create, import_by_name, upsert, upsert_identity = by_name)]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub email: String,
}

fn main() {}
