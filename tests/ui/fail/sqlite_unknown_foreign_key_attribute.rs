// The key of `foreign_key_names` is the attribute the error is reported on.
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
            foreign_key_names: [(auther_id, "posts_author_fkey", "no such author")];
        }
    }
}

fn main() {}
