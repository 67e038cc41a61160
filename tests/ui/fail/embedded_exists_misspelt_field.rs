// `exists(tags, ..)` over a list embed names the embed's fields, checked by rustc.
use resource::dsl::resource;
use resource::prelude::*;

resource! {
    pub Tag {
        data_layer: Embedded,
        attributes { attribute name: String; }
    }
}

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute tags: Vec<Tag>;
        }
        actions { defaults [read]; }
    }
}

fn main() {
    let _ = User::read().filter(expr!(exists(tags, nmae == "rust")));
}
