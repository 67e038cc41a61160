// Calls with the wrong number of arguments, and a fragment whose `?`
// placeholders do not match its arguments, are errors at the call.
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
            read named { filter: expr(contains(name)); }
        }
    }
}

fn main() {
    let _ = Product::read().filter(expr!(like(name) || price > 1));
    let _ = Product::read().filter(expr!(fragment("? = ?", name)));
}
