/// Meant as a change, but `impl resource::Change for Slugify` was forgotten.
pub struct Slugify {
    pub from: &'static str,
}

#[resource::resource]
#[actions(defaults(read))]
#[action(create, create, accept(title), change(Slugify { from: "title" }))]
pub struct Post {
    #[attribute(uuid_primary_key)]
    pub id: resource::Uuid,
    #[attribute(public)]
    pub title: Option<String>,
}

fn main() {}
