use resource::dsl::resource;

resource! {
    pub User {
        data_layer: Mongo,
        attributes {
            uuid_primary_key id;
        }
    }
}

fn main() {}
