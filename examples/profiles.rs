//! Seed 003's embedded resources: a user with a profile (one embed) and
//! tags (a list of embeds with a primary key and a unique name), edited
//! with JSON maps that run the embeds' own actions, on SQLite in memory.
//!
//! Run with `cargo run --example profiles`.

use resource::dsl::resource;
use resource::prelude::*;
use resource::{ActionContext, DynChangeset, FieldError, Validation};
use serde_json::json;

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
    /// Stored inside its user's record.
    pub Profile {
        data_layer: Embedded,
        attributes {
            attribute first_name: Option<String>;
            attribute last_name: Option<String>;
        }
        validations {
            validate present([first_name, last_name], at_least: 1);
        }
    }
}

resource! {
    /// A tag; its `id` lets a list update items in place.
    pub Tag {
        data_layer: Embedded,
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false }
            attribute counter: i64 { default: 0 }
        }
        identities { identity unique_name [name]; }
        validations { validate Increasing { field: "counter" } on [update]; }
    }
}

resource! {
    pub User {
        data_layer: Sqlite,
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
            attribute profile: Option<Profile> { public: true }
            attribute tags: Vec<Tag> { default: Vec::new(), public: true }
        }
        actions {
            default_accept [name, profile, tags];
            defaults [create, read, update, destroy];
        }
    }
}

fn main() -> Result<(), Error> {
    let app = Domain::new().with_sqlite(Sqlite::memory()?).register::<User>().build()?;

    let input =
        json!({"name": "ada", "profile": {"first_name": "Ada"}, "tags": [{"name": "math"}, {"name": "engines"}]});
    let ada = Changeset::<User>::for_create(&app, "create", &input).run()?;
    println!("created {ada:#?}\n");

    // A map merges into the current profile: the first name stays.
    let ada =
        Changeset::<User>::for_update(&app, &ada, "update", &json!({"profile": {"last_name": "Lovelace"}})).run()?;
    println!("profile after a merge: {:?}\n", ada.profile);

    // Keep `math` (an update of its counter), drop `engines`, add `poetry`.
    let math = ada.tags[0].id;
    let input = json!({"tags": [{"id": math, "counter": 1}, {"name": "poetry"}]});
    let ada = Changeset::<User>::for_update(&app, &ada, "update", &input).run()?;
    let tags: Vec<(&str, i64)> = ada.tags.iter().map(|t| (t.name.as_str(), t.counter)).collect();
    println!("tags: {tags:?}\n");

    let input = json!({"tags": [{"id": math, "counter": 0}]});
    let err = Changeset::<User>::for_update(&app, &ada, "update", &input).run().unwrap_err();
    println!("a lower counter:\n{err:#}\n");

    let input = json!({"tags": [{"name": "poetry"}, {"name": "prose"}, {"name": "poetry"}]});
    let err = Changeset::<User>::for_update(&app, &ada, "update", &input).run().unwrap_err();
    println!("a repeated name:\n{err:#}\n");

    let err =
        Changeset::<User>::for_update(&app, &ada, "update", &json!({"profile": {"nickname": "A"}})).run().unwrap_err();
    println!("an unknown key:\n{err:#}\n");

    let found = User::read().filter(expr!(profile.last_name == "Lovelace")).run(&app)?;
    println!("users whose profile's last name is Lovelace: {}", found.len());
    let found = User::read().filter(expr!(exists(tags, name == "poetry"))).run(&app)?;
    println!("users with a poetry tag: {}", found.len());
    Ok(())
}
