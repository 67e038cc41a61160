use resource::prelude::*;

#[resource]
#[validate(r#match(email, "[a-"))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(constraints(match = "(unclosed"))]
    pub email: String,
}

fn main() {}
