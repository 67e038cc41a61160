use resource::prelude::*;

#[resource]
#[identity(unique_email, keys(emial))]
#[identity(full_name, keys(first_name, last_nmae), field_names(first_name))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub email: CiString,
    pub first_name: String,
    pub last_name: String,
}

fn main() {}
