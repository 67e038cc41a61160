// Two custom indexes of one name.
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
            custom_indexes {
                index [title] { name: "posts_title_index" }
                index [price] { name: "posts_title_index" }
            }
        }
    }
}

fn main() {}
