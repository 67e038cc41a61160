use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute admin: bool;
            attribute email: Option<String>;
        }
        actions {
            read admins {
                filter: expr(admn == true && !is_nil(emial));
            }
        }
    }
}

fn main() {}
