// A read filter of the declaration compares a field with a literal of another kind.
use resource::dsl::resource;

resource! {
    pub Product {
        attributes {
            uuid_primary_key id;
            attribute stock: i64;
        }
        actions {
            read in_stock {
                filter: expr(stock > "none");
            }
        }
    }
}

fn main() {}
