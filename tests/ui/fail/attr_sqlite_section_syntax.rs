// The hints of `#[sqlite(..)]`'s nested sections are in the attribute syntax.
use resource::prelude::*;

#[resource(data_layer = sqlite)]
#[belongs_to(author: Author)]
#[sqlite(custom_statements(statement("fts", up = "..", down = "..")))]
#[sqlite(references(reference(author, on_delete = "cascade")))]
#[sqlite(custom_indexes(index([title, 1])))]
#[sqlite(references = reference(author))]
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
