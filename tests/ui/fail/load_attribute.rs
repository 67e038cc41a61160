// `load` of a plain attribute would do nothing: attributes are always loaded.
use resource::dsl::resource;

resource! {
    pub Post {
        attributes {
            uuid_primary_key id;
            attribute title: String;
        }
        actions { defaults [read]; }
    }
}

fn main() {
    let _ = Post::read().load(post::title);
}
