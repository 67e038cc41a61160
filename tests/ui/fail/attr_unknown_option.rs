use resource::prelude::*;

#[resource(data_layr = ets)]
#[identity(unique_name, keys(name), precheck)]
#[actions(defaults(create, read), default_acept(name))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(pubic, alow_nil = false, constraints(max_lenght = 10))]
    pub name: String,
}

fn main() {}
