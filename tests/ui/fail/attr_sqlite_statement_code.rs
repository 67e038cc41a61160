// A bare `code` is `code = true`: Elixir in Ash's migrations; ours are SQL.
use resource::prelude::*;

#[resource(data_layer = sqlite)]
#[identity(unique_title, keys(title))]
#[belongs_to(author: Author, allow_nil = false)]
#[has_many(comments: Comment)]
#[sqlite(custom_statements(statement(fts, up = "execute(..)", down = "execute(..)", code)))]
pub struct Post {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub title: String,
    pub price: Decimal,
}

fn main() {}
