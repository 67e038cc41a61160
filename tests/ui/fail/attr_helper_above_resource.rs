// `#[resource]` sees only the attributes below it: a helper above it is
// one error, and the resource is still declared with it.
use resource::prelude::*;

#[identity(unique_name, keys(name))]
#[validate(present(name))]
#[resource]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub name: String,
}

#[has_many(posts: Post)]
pub struct Post {
    pub id: Uuid,
}

fn main() {
    let _ = |domain: &Domain| User::get_by_unique_name(domain, "ann");
}
