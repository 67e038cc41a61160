use resource::prelude::*;

#[resource]
#[actions(default_accept(name, emial), defaults(read))]
#[action(create, signup, accept(naem), require_attributes(nmae))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub name: String,
    pub email: String,
}

fn main() {}
