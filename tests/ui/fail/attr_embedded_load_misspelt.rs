use resource::prelude::*;

#[resource(data_layer = embedded)]
#[calculate(full_name: Option<String> = expr(first_name <> "!"))]
pub struct Profile {
    pub first_name: Option<String>,
}

#[resource]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(constraints(load(full_nam)))]
    pub profile: Option<Profile>,
}

fn main() {}
