// Ash's section names are not helpers: `#[identities]` is `#[identity]`.
use resource::prelude::*;

#[resource]
#[identities(unique_name, keys(name))]
#[relationships(has_many(tickets: Ticket))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attributes(public)]
    pub name: String,
}

fn main() {}
