// A pinned value must convert into a `Value`; the error points at it.
use resource::dsl::resource;
use resource::prelude::*;

resource! {
    pub Product {
        attributes {
            uuid_primary_key id;
            attribute price: Decimal { public: true }
        }
        actions {
            defaults [read];
        }
    }
}

fn main() {
    let limit = std::time::Duration::from_secs(1);
    let _ = Product::read().filter(expr!(price < ^limit));
}
