use resource::dsl::resource;

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute email: String;
            attribute visits: i64;
        }
        actions {
            create add {
                touch_update_defaults: false;
                upsert_condition: expr(visits < 10);
            }
            update bump {
                touch_update_defaults: false;
            }
        }
    }
}

fn main() {}
