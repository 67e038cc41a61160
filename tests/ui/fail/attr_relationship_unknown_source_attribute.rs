// `source_attribute` is on this resource.
use resource::prelude::*;

#[resource]
#[has_many(tickets: Ticket, source_attribute = uid, destination_attribute = representative_id)]
pub struct Representative {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

#[resource]
pub struct Ticket {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub representative_id: Option<Uuid>,
}

fn main() {}
