use resource::dsl::resource;

resource! {
    pub User {
        data_layer: Postgres,
        attributes {
            uuid_primary_key id;
        }
        sqlite { table: "users"; }
        postgres { table: "people"; }
    }
}

fn main() {}
