// A misspelt option of `#[change]` and of a `#[many_to_many]`.
use resource::prelude::*;

pub fn stamp(_: &mut resource::DynChangeset, _: &resource::ActionContext<'_>) {}

#[resource]
#[change(stamp, onn(create))]
#[many_to_many(tags: Tag, throug = PostTag)]
pub struct Post {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

#[resource]
pub struct Tag {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

fn main() {}
