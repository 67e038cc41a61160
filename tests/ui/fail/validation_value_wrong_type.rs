// A value a validation compares an attribute with is typed as the attribute.
use resource::dsl::resource;

resource! {
    pub Product {
        attributes {
            uuid_primary_key id;
            attribute stock: i64;
        }
        validations {
            validate attribute_does_not_equal(stock, "none");
            validate compare(stock, less_than: 1.5);
        }
    }
}

fn main() {}
