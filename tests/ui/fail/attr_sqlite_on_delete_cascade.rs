// SQL's `CASCADE` is Ash's `delete`.
use resource::prelude::*;

#[resource(data_layer = sqlite)]
#[identity(unique_title, keys(title))]
#[belongs_to(author: Author, allow_nil = false)]
#[has_many(comments: Comment)]
#[sqlite(references(reference(author, on_delete = cascade)))]
pub struct Post {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub title: String,
    pub price: Decimal,
}

fn main() {}
