use resource::dsl::resource;

resource! {
    pub Representative {
        attributes {
            uuid_primary_key id;
            attribute name: String;
        }
        calculations {
            calculate shout: String = expr(upper(nmae) <> "!");
        }
        actions { defaults [read]; }
    }
}

fn main() {}
