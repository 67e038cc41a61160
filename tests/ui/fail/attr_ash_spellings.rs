// Ash's `allow_nil?`, `public?`, `upsert?` and `(:read)` on the attribute surface.
use resource::prelude::*;

#[resource]
#[actions(defaults(:read, create))]
#[action(create, import, upsert?, accept(subject))]
pub struct Ticket {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(allow_nil? = false, public?)]
    pub subject: String,
}

fn main() {}
