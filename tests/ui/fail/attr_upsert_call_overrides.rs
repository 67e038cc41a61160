use resource::prelude::*;

#[resource]
#[identity(unique_email, keys(email))]
#[action(create, create, accept(email, name))]
#[action(create, sync, accept(email, name), upsert, upsert_identity = unique_email)]
pub struct Member {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub email: String,
    pub name: String,
}

#[resource]
pub struct Team {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub name: String,
}

fn main() {
    // A misspelt identity, another resource's field, and an action without `upsert`.
    let _ = Member::sync().email("a@x.io").upsert_on_unique_emial();
    let _ = Member::sync().email("a@x.io").upsert_fields(team::name);
    let _ = Member::create().email("a@x.io").upsert_fields(member::name);
}
