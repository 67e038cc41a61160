use resource::prelude::*;

#[resource]
#[identiy(unique_email, keys(email))]
#[derive(Default)]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[atribute(public)]
    pub email: String,
}

fn main() {}
