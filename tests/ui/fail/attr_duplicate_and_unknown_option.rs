// A duplicate option does not stop parsing: the validator still runs, so
// the unknown option below is reported in the same compile, as in the
// block form.
use resource::prelude::*;

#[resource]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(public, public = false)]
    pub name: String,
    #[attribute(alow_nil = false)]
    pub email: String,
}

fn main() {}
