// `profile.first_name` names a field of the embed, checked by rustc; so
// does a calculation of the resource itself.
use resource::dsl::resource;
use resource::prelude::*;

resource! {
    pub Profile {
        data_layer: Embedded,
        attributes { attribute first_name: Option<String>; }
    }
}

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute profile: Option<Profile>;
        }
        calculations {
            calculate first: Option<String> = expr(profile.frist_name);
        }
        actions { defaults [read]; }
    }
}

fn main() {
    let _ = User::read().filter(expr!(profile.firstname == "Grace"));
}
