// `exists(tags, ..)` over a list embed names the embed's fields, checked by rustc.
use resource::prelude::*;

#[resource(data_layer = embedded)]
pub struct Tag {
    pub name: String,
}

#[resource]
#[actions(defaults(read))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub tags: Vec<Tag>,
}

fn main() {
    let _ = User::read().filter(expr!(exists(tags, nmae == "rust")));
}
