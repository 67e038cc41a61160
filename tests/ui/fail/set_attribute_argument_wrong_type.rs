// `set_attribute` copies an argument of one type into an attribute of another.
use resource::dsl::resource;

resource! {
    pub Account {
        attributes {
            uuid_primary_key id;
            attribute age: i64;
        }
        actions {
            create sign_up {
                argument years: String;
                change set_attribute(age, arg(years));
            }
        }
    }
}

fn main() {}
