// `load` of a plain attribute would do nothing: attributes are always loaded.
use resource::prelude::*;

#[resource]
#[actions(defaults(read))]
pub struct Post {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub title: String,
}

fn main() {
    let _ = Post::read().load(post::title);
}
