// `belongs_to` names the related resource, not the key's type.
use resource::dsl::resource;
use resource::Uuid;

resource! {
    pub Post {
        attributes { uuid_primary_key id; }
        relationships { belongs_to author: Uuid; }
        actions { defaults [read]; }
    }
}

fn main() {}
