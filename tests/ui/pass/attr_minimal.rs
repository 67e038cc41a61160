use resource::prelude::*;

/// A tag.
#[resource]
#[actions(default_accept(name), defaults(create, read, update, destroy))]
pub struct Tag {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(allow_nil = false, public)]
    pub name: String,
}

fn main() {
    let info = <Tag as Resource>::info();
    assert_eq!(info.name, "Tag");
    assert_eq!(info.attributes.len(), 2);
}
