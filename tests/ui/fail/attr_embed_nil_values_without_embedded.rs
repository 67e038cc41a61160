use resource::prelude::*;

#[resource(data_layer = ets, embed_nil_values = false)]
pub struct Note {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub text: Option<String>,
}

fn main() {}
