// A custom index's names are attributes (a string is SQL and is not checked).
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
            custom_indexes { index [titel, "lower(title)"] { unique: true } }
        }
    }
}

fn main() {}
