// Ash's `code?: true` puts Elixir into the migration; ours are SQL.
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
            custom_statements {
                statement fts { up: "execute(..)", down: "execute(..)", code: true }
            }
        }
    }
}

fn main() {}
