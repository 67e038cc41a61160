// A calculation whose expression gives another type than the declared one.
use resource::dsl::resource;

resource! {
    pub Post {
        attributes {
            uuid_primary_key id;
            attribute title: String;
            attribute stock: i64;
        }
        calculations {
            calculate full: String = expr(stock + 1);
            calculate copy: i64 = expr(title);
            calculate open: String = expr(stock > 1);
        }
        actions { defaults [read]; }
    }
}

fn main() {}
