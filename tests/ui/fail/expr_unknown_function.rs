// An unknown function is an error at its name, with a suggestion.
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
    let _ = Product::read().filter(expr!(price < 1 && lik(name, "%an%")));
}
