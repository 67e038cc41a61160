// Ash's `allow_nil?` and `[:read]`: the hint names the spelling here.
use resource::dsl::resource;

resource! {
    pub Ticket {
        attributes {
            uuid_primary_key id;
            attribute subject: String { allow_nil?: false, public?: true }
        }
        actions { defaults [:read, :create]; }
    }
}

fn main() {}
