// The block form spells it `crate: my_resource`, and the hint says so.
use resource::dsl::resource;

resource! {
    pub User {
        crate: 5;
        attributes { uuid_primary_key id; }
    }
}

fn main() {}
