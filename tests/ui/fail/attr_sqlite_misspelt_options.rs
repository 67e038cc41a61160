// A misspelt option of `#[sqlite]` and of its `reference(..)`.
use resource::prelude::*;

#[resource(data_layer = sqlite)]
#[belongs_to(author: Author)]
#[sqlite(tabel = "posts", references(reference(author, on_delet = delete)))]
pub struct Post {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub title: String,
}

#[resource(data_layer = sqlite)]
pub struct Author {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

fn main() {}
