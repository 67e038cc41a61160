use resource::dsl::resource;

resource! {
    pub Note {
        embed_nil_values: false,
        attributes {
            uuid_primary_key id;
            attribute text: Option<String>;
        }
    }
}

fn main() {}
