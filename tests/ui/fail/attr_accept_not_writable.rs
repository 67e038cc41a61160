use resource::prelude::*;

#[resource]
#[actions(default_accept(id, name))]
#[action(create, signup, accept(name, secret, inserted_at))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(writable = false)]
    pub secret: String,
    pub name: String,
    #[attribute(create_timestamp)]
    pub inserted_at: DateTime<Utc>,
}

use resource::chrono::{DateTime, Utc};

fn main() {}
