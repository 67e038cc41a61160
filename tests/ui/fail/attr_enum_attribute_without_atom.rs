// An enum attribute needs `#[derive(Atom)]`: every error names the fix (and
// none is about serde).
use resource::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Status {
    Open,
    Closed,
}

#[resource]
#[actions(defaults(read, create))]
pub struct Ticket {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub status: Status,
}

fn main() {}
