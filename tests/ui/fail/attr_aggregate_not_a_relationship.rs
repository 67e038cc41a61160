use resource::prelude::*;

#[resource]
#[has_many(tickets: Ticket)]
#[aggregate(count name_count: name)]
#[aggregate(sum total: tickets)]
pub struct Representative {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub name: String,
}

#[resource]
pub struct Ticket {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub representative_id: Option<Uuid>,
}

fn main() {}
