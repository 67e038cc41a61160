use resource::prelude::*;

#[resource]
#[action(read, by_email, get_by(emial))]
#[action(read, by_both, get_by(email, email))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub email: String,
}

fn main() {}
