// A custom index's names are attributes (a string is SQL and is not checked).
use resource::prelude::*;

#[resource(data_layer = sqlite)]
#[identity(unique_title, keys(title))]
#[belongs_to(author: Author, allow_nil = false)]
#[has_many(comments: Comment)]
#[sqlite(custom_indexes(index([titel, "lower(title)"], unique)))]
pub struct Post {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub title: String,
    pub price: Decimal,
}

fn main() {}
