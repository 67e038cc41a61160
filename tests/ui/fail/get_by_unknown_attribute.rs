use resource::dsl::resource;
use resource::prelude::*;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute email: CiString { allow_nil: false, public: true }
        }
        actions {
            defaults [read];
            read by_email { get_by: [emial]; }
        }
    }
}

#[resource]
#[actions(defaults(read))]
#[action(read, by_name, get_by(nmae))]
pub struct Member {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub name: String,
}

fn main() {}
