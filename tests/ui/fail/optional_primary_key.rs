use resource::dsl::resource;

resource! {
    pub Counter {
        attributes {
            attribute id: Option<i64> { primary_key: true }
        }
    }
}

fn main() {}
