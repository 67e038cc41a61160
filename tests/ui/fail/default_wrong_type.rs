// A default is converted into the attribute's type, checked by rustc at the
// default's expression.
use resource::dsl::resource;

resource! {
    pub Product {
        attributes {
            uuid_primary_key id;
            attribute stock: i64 { default: "none" }
        }
    }
}

fn main() {}
