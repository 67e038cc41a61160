use resource::prelude::*;

// Spans survive the rewriting of `present(a, b, ..)` and `r#match(..)`
// into the block form's rules.
#[resource]
#[validate(present(first_name, lst_name, at_least = 1))]
#[validate(r#match(emial, "@"), on(create))]
#[action(create, signup, argument(code: String), validate(confirm(code, code_again)))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
}

fn main() {}
