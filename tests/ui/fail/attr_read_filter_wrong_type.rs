// A read filter of the declaration compares a field with a literal of another kind.
use resource::prelude::*;

#[resource]
#[action(read, in_stock, filter(stock > "none"))]
pub struct Product {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub stock: i64,
}

fn main() {}
