// The column type is SQL, written as a string (Ash's Ecto atom `:decimal` has no counterpart).
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
            migration_types: [price: decimal];
        }
    }
}

fn main() {}
