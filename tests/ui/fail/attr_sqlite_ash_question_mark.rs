// Ash's `migrate?`: the hint names the spelling here.
use resource::prelude::*;

#[resource(data_layer = sqlite)]
#[identity(unique_title, keys(title))]
#[belongs_to(author: Author, allow_nil = false)]
#[has_many(comments: Comment)]
#[sqlite(migrate? = false)]
pub struct Post {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub title: String,
    pub price: Decimal,
}

fn main() {}
