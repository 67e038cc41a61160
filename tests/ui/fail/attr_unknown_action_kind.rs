// The action's type comes first: `create`, `read`, `update` or `destroy`.
use resource::prelude::*;

#[resource]
#[actions(defaults(read, craete))]
#[action(udpate, rename, accept(name))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub name: String,
}

fn main() {}
