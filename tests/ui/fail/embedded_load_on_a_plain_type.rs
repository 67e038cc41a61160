use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute name: Option<String> { constraints { load: [full_name] } }
        }
        actions { defaults [read]; }
    }
}

fn main() {}
