// A builder has setters only for what its action accepts: `secret` is not
// in `default_accept`, so `ProductCreate` has no `secret` method.
use resource::dsl::resource;

resource! {
    pub Product {
        attributes {
            uuid_primary_key id;
            attribute name: String { public: true }
            attribute secret: String;
        }
        actions {
            default_accept [name];
            defaults [create];
        }
    }
}

fn main() {
    let _ = Product::create().name("Banana").secret("shh");
}
