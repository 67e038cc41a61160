// A setter takes `impl Into<T>` of the attribute's type.
use resource::dsl::resource;

resource! {
    pub Product {
        attributes {
            uuid_primary_key id;
            attribute price: i64 { public: true }
        }
        actions {
            default_accept [price];
            defaults [create];
        }
    }
}

fn main() {
    let _ = Product::create().price("cheap");
}
