use resource::prelude::*;

#[resource]
pub struct Tagged<T> {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub value: T,
}

fn main() {}
