// A default is converted into the field's type, checked by rustc at the
// default's expression.
use resource::prelude::*;

#[resource]
pub struct Product {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(default = "none")]
    pub stock: i64,
}

fn main() {}
