use resource::prelude::*;

#[resource(data_layer = embedded)]
#[has_many(users: User)]
#[aggregate(count user_count: users)]
pub struct Tag {
    pub name: String,
}

#[resource]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub tag_id: Option<Uuid>,
}

fn main() {}
