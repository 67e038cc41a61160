// SQL's `CASCADE` is Ash's `delete`.
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
            references { reference author { on_delete: cascade } }
        }
    }
}

fn main() {}
