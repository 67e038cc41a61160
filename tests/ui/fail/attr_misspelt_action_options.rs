// A misspelt option in `#[action]`, in its `argument(..)` and its `pagination(..)`.
use resource::prelude::*;

#[resource]
#[action(create, signup, acept(name), argument(code: String, sensitiv))]
#[action(read, listing, pagination(ofset, default_limit = 20))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub name: String,
}

fn main() {}
