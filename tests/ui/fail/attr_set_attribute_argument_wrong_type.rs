// `set_attribute` copies an argument of one type into an attribute of another.
use resource::prelude::*;

#[resource]
#[action(create, sign_up, argument(years: String), change(set_attribute(age, arg(years))))]
pub struct Account {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub age: i64,
}

fn main() {}
