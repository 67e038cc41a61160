// A calculation whose expression gives another type than the declared one.
use resource::prelude::*;

#[resource]
#[calculate(full: String = expr(stock + 1))]
#[calculate(copy: i64 = expr(title))]
pub struct Post {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub title: String,
    pub stock: i64,
}

fn main() {}
