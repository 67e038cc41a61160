use resource::prelude::*;

#[resource(data_layer = sqlite)]
#[sqlite(custom_indexes(index([], unique)))]
pub struct Post {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub title: String,
}

fn main() {}
