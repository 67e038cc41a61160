use resource::dsl::resource;

resource! {
    pub Profile {
        data_layer: Embedded,
        attributes { attribute first_name: Option<String>; }
        calculations { calculate full_name: Option<String> = expr(first_name <> "!"); }
    }
}

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute profiles: Vec<Profile> { constraints { load: [full_nam] } }
        }
        actions { defaults [read]; }
    }
}

fn main() {}
