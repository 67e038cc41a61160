// `profile.first_name` names a field of the embed, checked by rustc; so
// does a calculation of the resource itself.
use resource::prelude::*;

#[resource(data_layer = embedded)]
pub struct Profile {
    pub first_name: Option<String>,
}

#[resource]
#[actions(defaults(read))]
#[calculate(first: Option<String> = expr(profile.frist_name))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub profile: Option<Profile>,
}

fn main() {
    let _ = User::read().filter(expr!(profile.firstname == "Grace"));
}
