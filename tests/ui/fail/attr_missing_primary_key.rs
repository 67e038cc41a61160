use resource::prelude::*;

#[resource(data_layer = ets)]
#[actions(defaults(create, read))]
pub struct User {
    #[attribute(public)]
    pub name: String,
}

// The struct is still emitted beside the error, so its uses do not cascade
// into "cannot find type `User`".
fn name_of(user: &User) -> &str {
    &user.name
}

fn main() {
    let _ = name_of;
}
