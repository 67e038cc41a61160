// Operands whose types cannot meet: one error each, at the literal, pin or field, naming the field and its type.
use resource::dsl::resource;
use resource::prelude::*;

resource! {
    pub Post {
        attributes {
            uuid_primary_key id;
            attribute title: String { public: true }
            attribute stock: i64 { public: true }
        }
        actions {
            defaults [read];
        }
    }
}

fn main() {
    let _ = Post::read().filter(expr!(title == 5));
    let _ = Post::read().filter(expr!(stock < "many"));
    let name = String::from("x");
    let _ = Post::read().filter(expr!(stock < ^name));
    let _ = Post::read().filter(expr!(string_length(stock) > 1));
    let _ = Post::read().filter(expr!(stock in [1, "two"]));
    let _ = Post::read().filter(expr!(title + 1 == 2));
    let _ = Post::read().filter(expr!(stock == title));
    let names = vec!["a"];
    let _ = Post::read().filter(expr!(stock in ^names));
}
