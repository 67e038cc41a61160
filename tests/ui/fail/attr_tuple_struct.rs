// A tuple struct's fields have no names to be attributes.
use resource::prelude::*;

#[resource]
pub struct User(#[attribute(uuid_primary_key)] Uuid, #[attribute(public)] String);

fn main() {}
