use resource::prelude::*;

#[resource(data_layer = postgres)]
#[sqlite(table = "users")]
#[postgres(table = "people")]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

fn main() {}
