use resource::prelude::*;

#[resource]
#[has_many(tickets: Ticket)]
#[aggregate(list subjects: tickets.subject, sort(subject = dsc))]
#[aggregate(count ticket_count: tickets, sort(subject = desc))]
pub struct Representative {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

#[resource]
pub struct Ticket {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub subject: String,
    pub representative_id: Option<Uuid>,
}

fn main() {}
