// Only a `belongs_to` has a foreign key on this resource's table.
use resource::dsl::resource;

resource! {
    pub Post {
        data_layer: Sqlite,
        attributes {
            uuid_primary_key id;
            attribute title: String;
            attribute price: Decimal;
        }
        identities { identity unique_title [title]; }
        relationships {
            belongs_to author: Author { allow_nil: false }
            has_many comments: Comment;
        }
        sqlite {
            references { reference comments { on_delete: delete } }
        }
    }
}

fn main() {}
