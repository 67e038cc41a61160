//! Embedded resources (seed 003): single and list embeds edited with typed
//! records and with JSON maps, on every data layer.

use resource::dsl::resource;
use resource::prelude::*;
use resource::{ActionContext, Change, DynChangeset, FieldError, FieldErrorKind, PathStep, Uuid, Validation, Value};
use serde_json::json;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

/// Seed 003's `Increasing`: on update the counter must grow.
struct Increasing {
    field: &'static str,
}

impl Validation for Increasing {
    fn validate(&self, changeset: &DynChangeset, _: &ActionContext<'_>) -> Result<(), FieldError> {
        if !changeset.is_changing(self.field) {
            return Ok(());
        }
        match (changeset.old_attribute::<i64>(self.field), changeset.attribute::<i64>(self.field)) {
            (Some(old), Some(new)) if new <= old => Err(FieldError::invalid(self.field, "must be greater than before")),
            _ => Ok(()),
        }
    }
}

resource! {
    pub Address {
        data_layer: Embedded,
        attributes {
            attribute street: String { allow_nil: false, constraints { max_length: 20 } }
            attribute city: Option<String>;
        }
    }
}

resource! {
    pub Profile {
        data_layer: Embedded,
        attributes {
            attribute first_name: Option<String>;
            attribute last_name: Option<String>;
            attribute address: Option<Address>;
        }
        validations {
            validate present([first_name, last_name], at_least: 1);
        }
    }
}

resource! {
    pub Tag {
        data_layer: Embedded,
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, constraints { max_length: 10 } }
            attribute counter: i64 { default: 0 }
        }
        identities {
            identity unique_name [name];
        }
        validations {
            validate Increasing { field: "counter" } on [update];
        }
    }
}

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
            attribute profile: Option<Profile> { public: true }
            attribute tags: Vec<Tag> { default: Vec::new(), public: true }
        }
        calculations {
            // A sort reaches an embedded field through a calculation.
            calculate first_name: Option<String> = expr(profile["first_name"]);
        }
        actions {
            default_accept [name, profile, tags];
            defaults [create, read, update, destroy];
        }
    }
}

/// Ash's `__source__`: the embed's change reads its parent's changeset.
struct SignedByParent;

impl Change for SignedByParent {
    fn change(&self, changeset: &mut DynChangeset, _: &ActionContext<'_>) {
        let parent = changeset.source().map(|source| source.get_attribute("name"));
        if let Some(Value::String(name)) = parent {
            changeset.set_attribute("signed_by", name);
        }
    }
}

resource! {
    pub Stamp {
        data_layer: Embedded,
        attributes {
            attribute signed_by: Option<String>;
        }
        changes {
            change SignedByParent;
        }
    }
}

resource! {
    pub Letter {
        data_layer: Embedded,
        attributes {
            attribute signed_by: Option<String>;
            attribute stamp: Option<Stamp>;
        }
        changes {
            change SignedByParent;
        }
    }
}

resource! {
    pub Post {
        attributes {
            uuid_primary_key id;
            attribute name: Option<String> { public: true }
            attribute letter: Option<Letter> { public: true }
        }
        actions {
            default_accept [name, letter];
            defaults [create, read, update, destroy];
        }
    }
}

resource! {
    pub Team {
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
        }
        relationships { has_many players: Player; }
        aggregates { list profiles: players.profile; }
        actions { default_accept [name]; defaults [create, read]; }
    }
}

resource! {
    pub Player {
        attributes {
            uuid_primary_key id;
            attribute profile: Option<Profile> { public: true }
            attribute tags: Vec<Tag> { default: Vec::new(), public: true }
        }
        relationships { belongs_to team: Team; }
        actions { default_accept [profile, tags, team_id]; defaults [create, read]; }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<User>().register::<Post>().register::<Team>().register::<Player>())
}

on_every_layer!(domain;
    a_typed_profile_is_stored_and_read_back,
    a_json_profile_runs_the_create_action_and_its_validations,
    a_json_map_updates_the_current_profile_keeping_other_fields,
    nil_destroys_the_profile,
    nested_embeds_keep_full_paths,
    list_items_with_a_matching_key_are_updated_others_created_and_destroyed,
    on_update_validations_run_for_matched_items,
    identities_make_each_list_unique,
    unknown_keys_are_errors_at_their_path,
    a_list_where_a_single_value_is_expected_is_invalid,
    resending_an_identical_value_is_not_a_change,
    ten_thousand_items_are_taken_and_one_bad_item_writes_nothing,
    typed_records_are_used_as_they_are,
    filters_reach_into_embedded_fields,
    the_embeds_changes_see_the_parent_changeset,
    deep_nesting_and_wrong_types_are_errors_with_paths,
    related_records_load_with_their_embeds,
);

fn a_typed_profile_is_stored_and_read_back(d: &Domain) {
    let profile = Profile { first_name: Some("Ada".into()), ..profile() };
    let user = User::create().name("ada").profile(profile).run(d).unwrap();
    let read = User::get(d, user.id).unwrap();
    assert_eq!(read.profile.as_ref().and_then(|p| p.first_name.as_deref()), Some("Ada"));
    assert_eq!(read.tags.len(), 0);
}

fn profile() -> Profile {
    Profile { first_name: None, last_name: None, address: None }
}

fn a_json_profile_runs_the_create_action_and_its_validations(d: &Domain) {
    let err = Changeset::<User>::for_create(d, "create", &json!({"name": "x", "profile": {"first_name": null}}))
        .run()
        .unwrap_err();
    assert_eq!(err.field_errors().len(), 1, "{err}");
    let error = &err.field_errors()[0];
    assert_eq!(error.fields, ["profile.first_name, profile.last_name"].map(String::from).to_vec().concat_split());
    assert_eq!(error.path(), vec![PathStep::Field("profile".into()), PathStep::Field("first_name".into())]);
    assert!(User::read().run(d).unwrap().is_empty(), "nothing written");

    let user = Changeset::<User>::for_create(d, "create", &json!({"name": "x", "profile": {"first_name": "Grace"}}))
        .run()
        .unwrap();
    assert_eq!(user.profile.unwrap().first_name.as_deref(), Some("Grace"));
}

/// `["a, b"]` as the two fields `["a", "b"]`.
trait ConcatSplit {
    fn concat_split(self) -> Vec<String>;
}

impl ConcatSplit for Vec<String> {
    fn concat_split(self) -> Vec<String> {
        self.iter().flat_map(|s| s.split(", ").map(String::from).collect::<Vec<_>>()).collect()
    }
}

fn a_json_map_updates_the_current_profile_keeping_other_fields(d: &Domain) {
    let user = Changeset::<User>::for_create(
        d,
        "create",
        &json!({"name": "x", "profile": {"first_name": "Grace", "last_name": "Hopper"}}),
    )
    .run()
    .unwrap();
    let user =
        Changeset::<User>::for_update(d, &user, "update", &json!({"profile": {"first_name": "G."}})).run().unwrap();
    let profile = User::get(d, user.id).unwrap().profile.unwrap();
    assert_eq!((profile.first_name.as_deref(), profile.last_name.as_deref()), (Some("G."), Some("Hopper")));
    // The update runs the embed's validations too.
    let err =
        Changeset::<User>::for_update(d, &user, "update", &json!({"profile": {"first_name": null, "last_name": null}}))
            .run()
            .unwrap_err();
    assert!(err.to_string().contains("profile.first_name, profile.last_name: at least 1 of"), "{err}");
}

fn nil_destroys_the_profile(d: &Domain) {
    let user = Changeset::<User>::for_create(d, "create", &json!({"name": "x", "profile": {"first_name": "A"}}))
        .run()
        .unwrap();
    let user = Changeset::<User>::for_update(d, &user, "update", &json!({"profile": null})).run().unwrap();
    assert!(User::get(d, user.id).unwrap().profile.is_none());
}

fn nested_embeds_keep_full_paths(d: &Domain) {
    let input =
        json!({"name": "x", "profile": {"first_name": "A", "address": {"street": "a very long street name indeed"}}});
    let err = Changeset::<User>::for_create(d, "create", &input).run().unwrap_err();
    assert_eq!(err.to_string(), "invalid input: profile.address.street: length must be less than or equal to 20");
    let path = err.field_errors()[0].path();
    let want = ["profile", "address", "street"].map(|s| PathStep::Field(s.into()));
    assert_eq!(path, want);
    let input = json!({"name": "x", "profile": {"first_name": "A", "address": {"city": "Oslo"}}});
    let err = Changeset::<User>::for_create(d, "create", &input).run().unwrap_err();
    assert_eq!(err.to_string(), "invalid input: profile.address.street: is required");
    let input = json!({"name": "x", "profile": {"first_name": "A", "address": {"street": "Main 1"}}});
    let user = Changeset::<User>::for_create(d, "create", &input).run().unwrap();
    let read = User::get(d, user.id).unwrap();
    assert_eq!(read.profile.unwrap().address.unwrap().street, "Main 1");
}

fn tag_names(user: &User) -> Vec<(&str, i64)> {
    user.tags.iter().map(|t| (t.name.as_str(), t.counter)).collect()
}

fn list_items_with_a_matching_key_are_updated_others_created_and_destroyed(d: &Domain) {
    let input = json!({"name": "x", "tags": [{"name": "rust"}, {"name": "elixir", "counter": 3}]});
    let user = Changeset::<User>::for_create(d, "create", &input).run().unwrap();
    assert_eq!(tag_names(&user), [("rust", 0), ("elixir", 3)]);
    let (rust, elixir) = (user.tags[0].id, user.tags[1].id);
    // Keep rust (updated), drop elixir, add go.
    let input = json!({"tags": [{"id": rust, "counter": 1}, {"name": "go"}]});
    let user = Changeset::<User>::for_update(d, &user, "update", &input).run().unwrap();
    let read = User::get(d, user.id).unwrap();
    assert_eq!(tag_names(&read), [("rust", 1), ("go", 0)]);
    assert_eq!(read.tags[0].id, rust, "an update keeps the item's key");
    assert_ne!(read.tags[1].id, elixir);
    // An unknown id is a create with a fresh key (Ash ignores a key the create does not accept).
    let input = json!({"tags": [{"id": elixir, "name": "zig"}]});
    let user = Changeset::<User>::for_update(d, &read, "update", &input).run().unwrap();
    assert_eq!(tag_names(&user), [("zig", 0)]);
    assert_ne!(user.tags[0].id, elixir);
}

fn on_update_validations_run_for_matched_items(d: &Domain) {
    let input = json!({"name": "x", "tags": [{"name": "a", "counter": 5}, {"name": "b", "counter": 5}]});
    let user = Changeset::<User>::for_create(d, "create", &input).run().unwrap();
    let (a, b) = (user.tags[0].id, user.tags[1].id);
    let input = json!({"tags": [{"id": a, "counter": 6}, {"id": b, "counter": 4}]});
    let err = Changeset::<User>::for_update(d, &user, "update", &input).run().unwrap_err();
    assert_eq!(err.to_string(), "invalid input: tags[1].counter: must be greater than before");
    let error = &err.field_errors()[0];
    assert_eq!(
        error.path(),
        vec![PathStep::Field("tags".into()), PathStep::Index(1), PathStep::Field("counter".into())]
    );
    assert_eq!(tag_names(&User::get(d, user.id).unwrap()), [("a", 5), ("b", 5)], "nothing written");
}

fn identities_make_each_list_unique(d: &Domain) {
    let input = json!({"name": "x", "tags": [{"name": "a"}, {"name": "b"}, {"name": "a"}]});
    let err = Changeset::<User>::for_create(d, "create", &input).run().unwrap_err();
    assert_eq!(err.to_string(), "invalid input: tags[2].name: has already been taken");
    assert_eq!(err.field_errors()[0].kind, FieldErrorKind::Taken);
    // Typed records too.
    let tag = |name: &str| Tag { id: Uuid::new_v4(), name: name.into(), counter: 0 };
    let err = User::create().name("y").tags(vec![tag("q"), tag("q")]).run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: tags[1].name: has already been taken");
    assert!(User::read().run(d).unwrap().is_empty());
    // And on the primary key: one id twice is one item twice.
    let twin = tag("p");
    let err =
        User::create().name("y").tags(vec![twin.clone(), Tag { name: "other".into(), ..twin }]).run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: tags[1].id: has already been taken");
    // The same name in two users' lists is fine: unique within a list.
    User::create().name("u1").tags(vec![tag("q")]).run(d).unwrap();
    User::create().name("u2").tags(vec![tag("q")]).run(d).unwrap();
}

fn unknown_keys_are_errors_at_their_path(d: &Domain) {
    let input =
        json!({"name": "x", "profile": {"first_name": "A", "nickname": "a"}, "tags": [{"name": "t", "colour": 1}]});
    let err = Changeset::<User>::for_create(d, "create", &input).run().unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input: profile.nickname: no such input for action `create`; tags[0].colour: no such input for action `create`"
    );
    assert_eq!(err.field_errors()[0].kind, FieldErrorKind::NoSuchInput);
}

fn a_list_where_a_single_value_is_expected_is_invalid(d: &Domain) {
    let input = json!({"name": "x", "profile": [{"first_name": "A"}], "tags": {"name": "t"}});
    let err = Changeset::<User>::for_create(d, "create", &input).run().unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input: profile: is invalid: expected a Profile object, got a list; tags: is invalid: expected a list of Tag, got an object"
    );
    let input = json!({"name": "x", "tags": [{"name": "t"}, 7, "s"]});
    let err = Changeset::<User>::for_create(d, "create", &input).run().unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input: tags[1]: is invalid: expected a Tag object, got a number; tags[2]: is invalid: expected a Tag object, got a string"
    );
    assert_eq!(err.field_errors()[1].path(), vec![PathStep::Field("tags".into()), PathStep::Index(2)]);
    assert!(User::read().run(d).unwrap().is_empty());
}

fn resending_an_identical_value_is_not_a_change(d: &Domain) {
    let input = json!({"name": "x", "profile": {"first_name": "A"}, "tags": [{"name": "t"}]});
    let user = Changeset::<User>::for_create(d, "create", &input).run().unwrap();
    let id = user.tags[0].id;
    let same = json!({"profile": {"first_name": "A"}, "tags": [{"id": id, "name": "t"}]});
    let changeset = Changeset::<User>::for_update(d, &user, "update", &same);
    assert!(changeset.is_valid(), "{:?}", changeset.errors());
    assert!(!changeset.as_dyn().unwrap().is_changing("profile"));
    assert!(!changeset.as_dyn().unwrap().is_changing("tags"));
    let other = json!({"profile": {"first_name": "B"}});
    assert!(Changeset::<User>::for_update(d, &user, "update", &other).as_dyn().unwrap().is_changing("profile"));
}

fn ten_thousand_items_are_taken_and_one_bad_item_writes_nothing(d: &Domain) {
    let mut items: Vec<serde_json::Value> = (0..10_000).map(|i| json!({"name": format!("t{i}")})).collect();
    let user = Changeset::<User>::for_create(d, "create", &json!({"name": "big", "tags": items})).run().unwrap();
    assert_eq!(User::get(d, user.id).unwrap().tags.len(), 10_000);
    items[9_999] = json!({"name": "much too long a name"});
    let err = Changeset::<User>::for_create(d, "create", &json!({"name": "big2", "tags": items})).run().unwrap_err();
    assert_eq!(err.to_string(), "invalid input: tags[9999].name: length must be less than or equal to 10");
    assert_eq!(User::read().run(d).unwrap().len(), 1);
}

fn typed_records_are_used_as_they_are(d: &Domain) {
    // No action runs for a typed record: the profile's `present` validation does not.
    let user = User::create().name("x").profile(profile()).run(d).unwrap();
    let read = User::get(d, user.id).unwrap().profile.unwrap();
    assert_eq!((read.first_name, read.last_name), (None, None));
}

#[test]
fn an_embedded_resource_cannot_be_registered() {
    let err = Domain::new().register::<Tag>().build().unwrap_err();
    assert_eq!(
        err.to_string(),
        "data layer error: resource Tag is embedded (`data_layer: Embedded`) and has no table: do not register it; \
         register the resources that hold it"
    );
}

fn filters_reach_into_embedded_fields(d: &Domain) {
    for (name, first) in [("a", "Ada"), ("g", "Grace"), ("n", "")] {
        let profile = if first.is_empty() { json!(null) } else { json!({"first_name": first}) };
        Changeset::<User>::for_create(d, "create", &json!({"name": name, "profile": profile})).run().unwrap();
    }
    let found = User::read().filter(expr!(profile["first_name"] == "Grace")).run(d).unwrap();
    assert_eq!(found.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(), ["g"]);
    let found = User::read().filter(expr!(is_nil(profile["first_name"]))).sort(user::name.asc()).run(d).unwrap();
    assert_eq!(found.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(), ["n"]);
    // Ash's `desc` puts nils first, `asc` last.
    for (sort, want) in [(user::first_name.desc(), ["n", "g", "a"]), (user::first_name.asc(), ["a", "g", "n"])] {
        let sorted = User::read().sort(sort).run(d).unwrap();
        assert_eq!(sorted.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(), want);
    }
}

fn the_embeds_changes_see_the_parent_changeset(d: &Domain) {
    let input = json!({"name": "Ada", "letter": {"stamp": {}}});
    let post = Changeset::<Post>::for_create(d, "create", &input).run().unwrap();
    let letter = Post::get(d, post.id).unwrap().letter.unwrap();
    assert_eq!(letter.signed_by.as_deref(), Some("Ada"), "the letter's source is the post");
    // The stamp's source is the letter's changeset, which has no `name`: nothing set.
    assert_eq!(letter.stamp.unwrap().signed_by, None, "a nested embed's source is its immediate parent");
    let post =
        Changeset::<Post>::for_update(d, &post, "update", &json!({"name": "Grace", "letter": {}})).run().unwrap();
    assert_eq!(post.letter.unwrap().signed_by.as_deref(), Some("Grace"), "the update sees the new name");
}

fn deep_nesting_and_wrong_types_are_errors_with_paths(d: &Domain) {
    let mut deep = json!("bottom");
    for _ in 0..1_000 {
        deep = json!({ "street": deep });
    }
    let input = json!({"name": "x", "profile": {"first_name": "A", "address": deep}});
    let err = Changeset::<User>::for_create(d, "create", &input).run().unwrap_err();
    assert_eq!(err.to_string(), "invalid input: profile.address.street: is invalid");
    let input = json!({"name": "x", "profile": "just text", "tags": [{"name": ["a"]}]});
    let err = Changeset::<User>::for_create(d, "create", &input).run().unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid input: profile: is invalid: expected a Profile object, got a string; tags[0].name: is invalid"
    );
    assert!(User::read().run(d).unwrap().is_empty(), "nothing written");
}

fn related_records_load_with_their_embeds(d: &Domain) {
    let team = Team::create().name("t").run(d).unwrap();
    let input = json!({"team_id": team.id, "profile": {"first_name": "Ada"}, "tags": [{"name": "x"}]});
    Changeset::<Player>::for_create(d, "create", &input).run().unwrap();
    let teams = Team::read().load(team::players).run(d).unwrap();
    let players = teams[0].players.unwrap();
    assert_eq!(players[0].profile.as_ref().unwrap().first_name.as_deref(), Some("Ada"));
    assert_eq!(players[0].tags[0].name, "x");
    // A `list` aggregate of an embedded field: JSON objects, not their text, on SQL too.
    let teams = Team::read().load(team::profiles).run(d).unwrap();
    let profiles = teams[0].profiles.unwrap();
    assert_eq!(profiles.len(), 1);
    assert_eq!(profiles[0].first_name.as_deref(), Some("Ada"));
    let players = Player::read().load(player::team).run(d).unwrap();
    assert_eq!(players[0].team.unwrap().as_ref().unwrap().name, "t");
}
