// A sort key of a `first` aggregate names a field of the related resource.
use resource::prelude::*;

#[resource]
#[has_many(tickets: Ticket)]
#[aggregate(first latest_subject: tickets.subject, sort(insrted_at = desc))]
pub struct Representative {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

#[resource]
pub struct Ticket {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub subject: String,
    pub inserted_at: i64,
    pub representative_id: Option<Uuid>,
}

fn main() {}
