use resource::dsl::resource;

resource! {
    pub User {
        data_layer: Ets,
        attributes {
            attribute name: String { alow_nil: false }
            attribute name: Option<String> { allow_nil: false }
            attribute age: i64 { constraints { max_length: 3 } }
        }
        actions {
            defaults [create, read];
            create signup {
                accept [nmae];
                upsert_identity: by_name;
            }
            read named {
                filter: expr(nme == "x");
            }
        }
    }
}

fn main() {}
