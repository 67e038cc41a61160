use resource::prelude::*;

#[resource]
#[action(create, signup, accept(name), change(set_attribute(rol, "user")))]
#[action(update, promote, change(set_new_attribute(name, "x"), set_attribute(rle, "admin")))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub name: String,
    pub role: Option<String>,
}

fn main() {}
