//! Seed 003's calculations on embeds: `full_name`, computed whenever the
//! value is read into its record because the parent's attribute names it in
//! its `load` constraint; both surfaces, every layer.

use resource::dsl::resource;
use resource::prelude::*;
use serde_json::json;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub Profile {
        data_layer: Embedded,
        attributes {
            attribute first_name: Option<String>;
            attribute last_name: Option<String>;
        }
        calculations {
            calculate full_name: Option<String> = expr(first_name <> " " <> last_name);
        }
    }
}

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute profile: Option<Profile> { public: true, constraints { load: [full_name] } }
            attribute profiles: Vec<Profile> { public: true, default: Vec::new(), constraints { load: [full_name] } }
            attribute plain: Option<Profile> { public: true }
        }
        actions { default_accept [profile, profiles, plain]; defaults [create, read, update, destroy]; }
    }
}

#[resource(data_layer = embedded)]
#[calculate(full_name: Option<String> = expr(first_name <> " " <> last_name))]
pub struct Card {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
}

#[resource]
#[actions(default_accept(card), defaults(create, read))]
pub struct Holder {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(public, constraints(load(full_name)))]
    pub card: Option<Card>,
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<User>().register::<Holder>())
}

on_every_layer!(domain; the_load_constraint_computes_calculations, the_attribute_surface_loads_too);

fn the_load_constraint_computes_calculations(d: &Domain) {
    let ada = json!({"first_name": "Ada", "last_name": "Lovelace"});
    let input =
        json!({"profile": ada, "profiles": [ada, {"first_name": "Grace", "last_name": "Hopper"}], "plain": ada});
    let user = Changeset::<User>::for_create(d, "create", &input).run().unwrap();
    for user in [user.clone(), User::get(d, user.id).unwrap()] {
        assert_eq!(user.profile.as_ref().unwrap().full_name.get().cloned().flatten().as_deref(), Some("Ada Lovelace"));
        let names: Vec<Option<String>> = user.profiles.iter().map(|p| p.full_name.get().cloned().flatten()).collect();
        assert_eq!(names, [Some("Ada Lovelace".to_string()), Some("Grace Hopper".to_string())]);
        assert!(user.plain.as_ref().unwrap().full_name.is_not_loaded(), "no `load`, nothing computed");
    }
}

fn the_attribute_surface_loads_too(d: &Domain) {
    let input = json!({"card": {"first_name": "Alan", "last_name": "Kay"}});
    let holder = Changeset::<Holder>::for_create(d, "create", &input).run().unwrap();
    let read = Holder::get(d, holder.id).unwrap();
    assert_eq!(read.card.unwrap().full_name.get().cloned().flatten().as_deref(), Some("Alan Kay"));
}

#[test]
fn the_load_constraint_is_in_the_description() {
    use resource::Resource;
    assert_eq!(User::info().attribute("profile").unwrap().constraints.load, ["full_name"]);
    assert_eq!(Holder::info().attribute("card").unwrap().constraints.load, ["full_name"]);
}
