use resource::prelude::*;

#[resource]
#[calculate(shout: String = expr(upper(nmae) <> "!"))]
#[calculate(full: String = expr(first_name <> " " <> surname), public)]
pub struct Person {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub name: String,
    pub first_name: String,
}

fn main() {}
