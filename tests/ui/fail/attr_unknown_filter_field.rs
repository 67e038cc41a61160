use resource::prelude::*;

#[resource]
#[action(read, admins, filter(admn == true && !is_nil(email)))]
#[action(read, recent, filter = expr(inserted > 0))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub admin: bool,
    pub email: Option<String>,
}

fn main() {}
