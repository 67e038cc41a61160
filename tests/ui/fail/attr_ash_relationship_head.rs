// Ash's `belongs_to :author, Author` and atoms in the attribute surface.
use resource::prelude::*;

#[resource]
#[belongs_to(author, Author)]
#[has_many(:comments: Comment)]
#[action(create, :publish, accept(:title))]
#[action(read, latest, get_by(:title))]
pub struct Post {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub title: String,
}

#[resource]
#[action(read, newest, get, filter(post_id == nil))]
#[aggregate(first latest: posts.title, sort(inserted_at = :desc))]
#[identity(:unique_title, keys(post_id))]
pub struct Comment {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub post_id: Option<Uuid>,
}

#[resource]
pub struct Author {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
}

fn main() {}
