use resource::dsl::resource;

resource! {
    pub Tag {
        attributes { uuid_primary_key id; attribute name: String; }
        actions { defaults [read]; }
    }
}

resource! {
    pub Post {
        attributes {
            uuid_primary_key id;
            attribute tags: Vec<Tag>;
        }
        actions { defaults [read]; }
    }
}

fn main() {}
