// `expr!` checks field names at compile time, at the misspelt name.
use resource::dsl::resource;
use resource::prelude::*;

resource! {
    pub Product {
        attributes {
            uuid_primary_key id;
            attribute name: String { public: true }
            attribute price: Decimal { public: true }
        }
        actions {
            defaults [read];
        }
    }
}

fn main() {
    let _ = Product::read().filter(expr!(prise < 1 && like(name, "%an%")));
}
