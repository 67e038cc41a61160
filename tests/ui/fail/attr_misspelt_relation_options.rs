// A misspelt option in `#[calculate]`, `#[belongs_to]`, `#[has_many]` and `#[aggregate]`.
use resource::prelude::*;

#[resource]
#[calculate(label: String = expr(name <> "!"), pubic)]
#[belongs_to(team: Team, alow_nil = false)]
#[has_many(tickets: Ticket, destination_atribute = owner_id)]
#[aggregate(count open_tickets: tickets, filtr = expr(open == true))]
pub struct User {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub name: String,
}

#[resource]
pub struct Team {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

#[resource]
pub struct Ticket {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub owner_id: Option<Uuid>,
    pub open: bool,
}

fn main() {}
