// Field handles are typed: `product::price` compares with an `i64`.
use resource::dsl::resource;

resource! {
    pub Product {
        attributes {
            uuid_primary_key id;
            attribute price: i64 { public: true }
        }
        actions {
            defaults [read];
        }
    }
}

fn main() {
    let _ = Product::read().filter_expr(product::price.lt("cheap"));
}
