// An enum attribute needs `#[derive(Atom)]`: every error names the fix (and
// none is about serde).
use resource::dsl::resource;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Status {
    Open,
    Closed,
}

resource! {
    pub Ticket {
        attributes {
            uuid_primary_key id;
            attribute status: Status;
        }
        actions { defaults [read, create]; }
    }
}

fn main() {}
