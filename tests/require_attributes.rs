//! `require_attributes`: attributes that allow nil, required by one action.
//! As in Ash, on a create and on an update the attribute must end up non-nil
//! (on an update the record's value counts, so it need not be given); a
//! create must also be given it.

use resource::dsl::resource;
use resource::prelude::*;
use serde_json::json;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub Post {
        attributes {
            uuid_primary_key id;
            attribute title: String { allow_nil: false, public: true }
            attribute contents: Option<String> { public: true }
        }
        actions {
            default_accept [title, contents];
            defaults [create, read, update, destroy];
            create publish {
                accept [title, contents];
                require_attributes [contents];
            }
            update edit {
                accept [title, contents];
                require_attributes [contents];
            }
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Post>())
}

fn draft(d: &Domain, contents: Option<&str>) -> Post {
    Changeset::<Post>::for_create(d, "create", &json!({"title": "Draft", "contents": contents})).run().unwrap()
}

fn edit(d: &Domain, post: &Post, input: serde_json::Value) -> Result<Post, Error> {
    Changeset::for_update(d, post, "edit", &input).run()
}

on_every_layer!(domain; an_update_to_nil_is_required, an_update_keeps_the_records_value, an_update_of_a_record_without_it_must_give_it, a_create_must_give_it_non_nil, actions_without_it_allow_nil);

fn an_update_to_nil_is_required(d: &Domain) {
    let post = draft(d, Some("text"));
    let err = edit(d, &post, json!({"contents": null})).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: contents: is required");
    assert_eq!(Post::get(d, post.id).unwrap(), post, "nothing is written");
    let typed = post.edit().contents_opt(None).run(d).unwrap_err();
    assert_eq!(typed.message_for("contents"), Some("is required"));
}

fn an_update_keeps_the_records_value(d: &Domain) {
    let post = draft(d, Some("text"));
    let renamed = edit(d, &post, json!({"title": "Final"})).unwrap();
    assert_eq!((renamed.title.as_str(), renamed.contents.as_deref()), ("Final", Some("text")));
    let rewritten = edit(d, &post, json!({"contents": "more"})).unwrap();
    assert_eq!(rewritten.contents.as_deref(), Some("more"));
}

fn an_update_of_a_record_without_it_must_give_it(d: &Domain) {
    let post = draft(d, None);
    let err = edit(d, &post, json!({"title": "Final"})).unwrap_err();
    assert_eq!(err.message_for("contents"), Some("is required"));
    assert_eq!(edit(d, &post, json!({"contents": "now"})).unwrap().contents.as_deref(), Some("now"));
}

fn a_create_must_give_it_non_nil(d: &Domain) {
    let publish = |input| Changeset::<Post>::for_create(d, "publish", &input).run();
    let missing = publish(json!({"title": "A"})).unwrap_err();
    assert_eq!(missing.to_string(), "invalid input: contents: is required");
    let nil = publish(json!({"title": "A", "contents": null})).unwrap_err();
    assert_eq!(nil.to_string(), "invalid input: contents: is required");
    assert_eq!(publish(json!({"title": "A", "contents": "x"})).unwrap().contents.as_deref(), Some("x"));
    assert_eq!(Post::read().run(d).unwrap().len(), 1);
}

fn actions_without_it_allow_nil(d: &Domain) {
    let post = draft(d, Some("text"));
    let cleared = Changeset::for_update(d, &post, "update", &json!({"contents": null})).run().unwrap();
    assert_eq!(cleared.contents, None);
    assert_eq!(draft(d, None).contents, None);
}
