// `touch_update_defaults` and `upsert_condition` need `upsert`; Ash's
// `touch_update_defaults?` spelling gets the `?` hint.
use resource::prelude::*;

#[resource]
#[action(create, add, touch_update_defaults = false, upsert_condition = expr(visits < 10))]
#[action(create, import, upsert, touch_update_defaults? = false)]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub visits: i64,
}

fn main() {}
