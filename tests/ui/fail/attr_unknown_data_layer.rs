use resource::prelude::*;

#[resource(data_layer = mongo)]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

#[resource(data_layer = sqlit)]
pub struct Team {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

fn main() {}
