//! Read actions with `get_by` (Ash's `read :by_email do get_by [:email] end`):
//! the generated `User::by_email(domain, email)` returns one record, on
//! every data layer and from both surfaces.

use resource::dsl::resource;
use resource::prelude::*;
use resource::{Query, Value};

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub User {
        attributes {
            uuid_primary_key id;
            attribute email: CiString { allow_nil: false, public: true }
            attribute name: String { allow_nil: false, public: true }
            attribute team: Option<String> { public: true }
            attribute active: bool { default: true, public: true }
        }
        identities {
            identity unique_email [email];
        }
        actions {
            default_accept [email, name, team, active];
            defaults [create, read];
            read by_email { get_by: [email]; }
            read active_by_email {
                get_by: [email];
                filter: expr(active == true);
            }
            read by_name { get_by: [name]; }
            read by_name_and_team { get_by: [name, team]; }
            read the_ann { get: true; filter: expr(name == "Ann"); }
            read the_bob { get: true; filter: expr(name == "Bob"); }
        }
    }
}

/// The attribute surface: `#[action(read, by_handle, get_by(handle))]`.
#[resource]
#[identity(unique_handle, keys(handle))]
#[actions(default_accept(handle, score), defaults(create, read))]
#[action(read, by_handle, get_by(handle))]
pub struct Member {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(public)]
    pub handle: String,
    #[attribute(public)]
    pub score: i64,
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<User>().register::<Member>())
}

on_every_layer!(domain; get_by_returns_the_one_record, nothing_found_is_not_found, the_action_filter_still_applies, several_found_is_an_error, get_by_on_several_attributes, the_attribute_surface_generates_it_too, a_get_by_action_needs_its_values, a_get_action_finding_two_is_an_error);

fn seed(d: &Domain) -> (User, User) {
    let ann = User::create().email("ann@x.io").name("Ann").team("red").run(d).unwrap();
    let bob = User::create().email("bob@x.io").name("Bob").active(false).run(d).unwrap();
    User::create().email("ann2@x.io").name("Ann").team("blue").run(d).unwrap();
    (ann, bob)
}

fn get_by_returns_the_one_record(d: &Domain) {
    let (ann, _) = seed(d);
    assert_eq!(User::by_email(d, "ann@x.io").unwrap(), ann);
    // `email` is a ci_string: the lookup ignores case on every layer.
    assert_eq!(User::by_email(d, "ANN@X.io").unwrap().id, ann.id);
    assert_eq!(User::by_email(d, CiString::from("ann@x.io")).unwrap().id, ann.id);
}

fn nothing_found_is_not_found(d: &Domain) {
    seed(d);
    let err = User::by_email(d, "nobody@x.io").unwrap_err();
    assert_eq!(
        err,
        Error::NotFound { resource: "User", lookup: vec![("email".into(), Value::CiString("nobody@x.io".into()))] }
    );
    assert_eq!(err.to_string(), "record with email: \"nobody@x.io\" not found");
}

fn the_action_filter_still_applies(d: &Domain) {
    let (ann, bob) = seed(d);
    assert_eq!(User::active_by_email(d, "ann@x.io").unwrap().id, ann.id);
    assert_eq!(User::by_email(d, "bob@x.io").unwrap().id, bob.id);
    assert!(matches!(User::active_by_email(d, "bob@x.io"), Err(Error::NotFound { .. })), "bob is not active");
}

fn several_found_is_an_error(d: &Domain) {
    seed(d);
    let err = User::by_name(d, "Ann").unwrap_err();
    assert_eq!(err, Error::MultipleResults { resource: "User", action: "by_name".into() });
    assert_eq!(err.to_string(), "expected at most one User from read action `by_name`, but found more");
    assert_eq!(User::by_name(d, "Bob").unwrap().name, "Bob");
}

fn get_by_on_several_attributes(d: &Domain) {
    let (ann, _) = seed(d);
    assert_eq!(User::by_name_and_team(d, "Ann", "red").unwrap().id, ann.id);
    assert_eq!(User::by_name_and_team(d, "Ann", "blue").unwrap().email.as_str(), "ann2@x.io");
    assert!(matches!(User::by_name_and_team(d, "Ann", "green"), Err(Error::NotFound { .. })));
    // A nil never equals anything (SQL's `=`): Bob has no team, and no lookup finds him by one.
    let none: Option<String> = None;
    let err = Query::<User>::new("by_name_and_team")
        .with_get_by(vec![Value::from("Bob"), Value::from(none)])
        .one(d)
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }));
}

fn the_attribute_surface_generates_it_too(d: &Domain) {
    let joe = Member::create().handle("joe").score(3).run(d).unwrap();
    assert_eq!(Member::by_handle(d, "joe").unwrap(), joe);
    assert!(matches!(Member::by_handle(d, "moe"), Err(Error::NotFound { .. })));
}

fn a_get_by_action_needs_its_values(d: &Domain) {
    seed(d);
    let err = Query::<User>::new("by_email").run(d).unwrap_err();
    assert_eq!(
        err.to_string(),
        "data layer error: read action `by_email` of User looks records up by email: call `User::by_email(domain, ..)` \
         (or give the values with `Query::with_get_by`)"
    );
    let err = Query::<User>::new("by_name_and_team").with_get_by(vec![Value::from("Ann")]).run(d).unwrap_err();
    assert!(err.to_string().contains("takes 2 get_by values (name, team), got 1"), "{err}");
    let err = User::read().with_get_by(vec![Value::from("Ann")]).run(d).unwrap_err();
    assert!(err.to_string().contains("has no `get_by`"), "{err}");
    // A value that does not cast to the attribute's type is a field error.
    let err = Query::<Member>::new("by_handle").with_get_by(vec![Value::Int(3)]).one(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: handle: is invalid");
    // `Query::one` on any read: the one record, or `NotFound` without a lookup.
    let ann = User::read().filter(expr!(email == "ann@x.io")).one(d).unwrap();
    assert_eq!(ann.name, "Ann");
}

/// Ash's `get? true`: at most one record, and `MultipleResults` (not the
/// first of them) when more match.
fn a_get_action_finding_two_is_an_error(d: &Domain) {
    seed(d);
    let err = Query::<User>::new("the_ann").run(d).unwrap_err();
    assert_eq!(err, Error::MultipleResults { resource: "User", action: "the_ann".into() });
    let bob = Query::<User>::new("the_bob").run(d).unwrap();
    assert_eq!(bob.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(), ["Bob"]);
    assert!(Query::<User>::new("the_bob").filter(|u| u.active.eq(true)).run(d).unwrap().is_empty());
}
