// The value of `set_attribute` is typed as the attribute.
use resource::dsl::resource;

resource! {
    pub Product {
        attributes {
            uuid_primary_key id;
            attribute stock: i64;
        }
        actions {
            create restock {
                change set_attribute(stock, "many");
            }
        }
    }
}

fn main() {}
