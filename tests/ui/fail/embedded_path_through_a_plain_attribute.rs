// A path starts at a relationship or at an attribute holding an embed.
use resource::dsl::resource;
use resource::prelude::*;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute name: String;
        }
        actions { defaults [read]; }
    }
}

fn main() {
    let _ = User::read().filter(expr!(name.first == "Grace"));
    let _ = User::read().filter(expr!(exists(name, first == "Grace")));
}
