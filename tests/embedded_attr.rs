//! Embedded resources on the attribute surface (`#[resource(data_layer =
//! embedded)]`): the same editing rules and paths as the block surface
//! (`tests/embedded.rs`), on every data layer.

use resource::prelude::*;
use resource::{PathStep, Resource};
use serde_json::json;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

#[resource(data_layer = embedded, embed_nil_values = false)]
#[validate(present(first_name))]
pub struct Profile {
    pub first_name: Option<String>,
    #[attribute(constraints(max_length = 5))]
    pub initials: Option<String>,
}

#[resource(data_layer = embedded)]
#[identity(unique_name, keys(name))]
pub struct Tag {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    pub name: String,
}

#[resource]
#[actions(default_accept(name, profile, tags), defaults(create, read, update, destroy))]
pub struct Person {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(public)]
    pub name: String,
    #[attribute(public)]
    pub profile: Option<Profile>,
    #[attribute(public, default = Vec::new())]
    pub tags: Vec<Tag>,
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Person>())
}

on_every_layer!(domain; maps_run_the_embeds_actions_with_paths, typed_records_round_trip, lists_are_unique_on_identities);

fn maps_run_the_embeds_actions_with_paths(d: &Domain) {
    let err = Changeset::<Person>::for_create(d, "create", &json!({"name": "p", "profile": {"initials": "ABCDEFG"}}))
        .run()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input: profile.initials: length must be less than or equal to 5; profile.first_name: must be present"
    );
    assert_eq!(err.field_errors()[1].path(), ["profile", "first_name"].map(|s| PathStep::Field(s.into())));
    assert!(Person::read().run(d).unwrap().is_empty());
    let person = Changeset::<Person>::for_create(d, "create", &json!({"name": "p", "profile": {"first_name": "Ada"}}))
        .run()
        .unwrap();
    let person =
        Changeset::<Person>::for_update(d, &person, "update", &json!({"profile": {"initials": "AL"}})).run().unwrap();
    let profile = Person::get(d, person.id).unwrap().profile.unwrap();
    assert_eq!((profile.first_name.as_deref(), profile.initials.as_deref()), (Some("Ada"), Some("AL")));
}

fn typed_records_round_trip(d: &Domain) {
    let tags = vec![Tag { id: Uuid::new_v4(), name: "rust".into() }, Tag { id: Uuid::new_v4(), name: "ash".into() }];
    let person = Person::create()
        .name("p")
        .profile(Profile { first_name: Some("Grace".into()), initials: None })
        .tags(tags.clone())
        .run(d)
        .unwrap();
    let read = Person::get(d, person.id).unwrap();
    assert_eq!(
        read.tags.iter().map(|t| (t.id, t.name.as_str())).collect::<Vec<_>>(),
        [(tags[0].id, "rust"), (tags[1].id, "ash")]
    );
    assert_eq!(read.profile.unwrap().first_name.as_deref(), Some("Grace"));
}

fn lists_are_unique_on_identities(d: &Domain) {
    let input = json!({"name": "p", "tags": [{"name": "a"}, {"name": "a"}]});
    let err = Changeset::<Person>::for_create(d, "create", &input).run().unwrap_err();
    assert_eq!(err.to_string(), "invalid input: tags[1].name: has already been taken");
}

#[test]
fn both_surfaces_describe_the_embed_as_the_attributes_type() {
    let ty = Person::info().attribute("tags").unwrap().ty;
    let resource::info::Type::Embedded(embed) = ty else { panic!("{ty:?}") };
    assert!(embed.list);
    assert_eq!(resource::info::embedded::describe(&embed).name, "Tag");
    let profile = Person::info().attribute("profile").unwrap();
    assert!(profile.allow_nil);
    assert_eq!(format!("{:?}", profile.ty), "Embedded(Embed(Profile))");
    assert_eq!(Profile::info().data_layer, resource::DataLayerKind::Embedded);
    // The embed's implicit default actions accept its writable attributes.
    let create = Profile::info().primary_action(resource::info::ActionKind::Create).unwrap();
    assert_eq!(create.accept, ["first_name", "initials"]);
}
