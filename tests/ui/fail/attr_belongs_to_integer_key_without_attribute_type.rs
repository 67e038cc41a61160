// A `belongs_to` key is a uuid unless `attribute_type` says otherwise (Ash's
// default): against an integer primary key that is one error with the fix.
use resource::prelude::*;

#[resource]
#[actions(defaults(read))]
pub struct Author {
    #[attribute(integer_primary_key)]
    pub id: i64,
}

#[resource]
#[belongs_to(author: Author)]
#[actions(defaults(read))]
pub struct Post {
    #[attribute(primary_key)]
    pub id: Uuid,
}

fn main() {}
