// `nilify` sets the key to nil: the key must allow it.
use resource::prelude::*;

#[resource(data_layer = sqlite)]
#[belongs_to(author: Author, allow_nil = false)]
#[sqlite(references(reference(author, on_delete = nilify)))]
pub struct Post {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

#[resource(data_layer = sqlite)]
pub struct Author {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

fn main() {}
