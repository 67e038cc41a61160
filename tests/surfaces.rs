//! One resource declared both ways, `resource! { .. }` in `block` and
//! `#[resource] struct` in `attr`, is one resource: the same static
//! `ResourceInfo`, and the same outcome for the same calls.

use resource::Value;
use resource::info::{ChangeInfo, ResourceInfo, Validation};
use resource::prelude::*;

mod block {
    use resource::dsl::resource;
    use resource::prelude::*;

    resource! {
        /// A customer of the shop.
        pub User {
            data_layer: Ets,
            attributes {
                uuid_primary_key id;
                /// Capitalised, as on the card.
                attribute first_name: String {
                    allow_nil: false,
                    public: true,
                    constraints { max_length: 20, match: "^[A-Z][a-z]+$" }
                }
                attribute middle_name: Option<String> { public: true }
                attribute last_name: String { public: true, description: "The family name" }
                attribute email: CiString { public: true }
                attribute admin: bool { default: false, public: true }
                attribute visits: i64 { default: 0, public: true, writable: false, constraints { min: 0 } }
                attribute account_type: Option<String> { public: true }
                create_timestamp inserted_at;
                update_timestamp updated_at;
            }
            identities {
                identity unique_email [email] { pre_check: true, message: "is taken" }
                identity names [first_name, middle_name, last_name] { nils_distinct: false, field_names: [first_name] }
            }
            validations {
                validate string_length(last_name, min: 2) { on: [create], message: "is too short" };
                validate present([first_name, last_name], at_least: 2);
            }
            actions {
                default_accept [first_name, middle_name, last_name, email, admin];
                defaults [create, read, update, destroy];
                create new_customer {
                    accept [first_name, last_name, email];
                    argument password: String { allow_nil: false, sensitive: true, constraints { min_length: 8 } }
                    argument password_confirmation: String;
                    change set_attribute(account_type, "customer");
                    validate confirm(password, password_confirmation);
                    upsert: true;
                    upsert_identity: unique_email;
                    upsert_fields: [first_name];
                }
                read admins { filter: expr(admin == true); }
                update promote { accept []; change set_attribute(admin, true); }
            }
            sqlite { table: "users"; }
        }
    }
}

mod attr {
    use resource::chrono::{DateTime, Utc};
    use resource::prelude::*;

    /// A customer of the shop.
    #[resource(data_layer = ets)]
    #[identity(unique_email, keys(email), pre_check, message = "is taken")]
    #[identity(names, keys(first_name, middle_name, last_name), nils_distinct = false, field_names(first_name))]
    #[validate(string_length(last_name, min = 2), on(create), message = "is too short")]
    #[validate(present(first_name, last_name, at_least = 2))]
    #[actions(
        default_accept(first_name, middle_name, last_name, email, admin),
        defaults(create, read, update, destroy)
    )]
    #[action(create, new_customer,
        accept(first_name, last_name, email),
        argument(password: String, allow_nil = false, sensitive, constraints(min_length = 8)),
        argument(password_confirmation: String),
        change(set_attribute(account_type, "customer")),
        validate(confirm(password, password_confirmation)),
        upsert, upsert_identity = unique_email, upsert_fields(first_name))]
    #[action(read, admins, filter(admin == true))]
    #[action(update, promote, accept(), change(set_attribute(admin, true)))]
    #[sqlite(table = "users")]
    pub struct User {
        #[attribute(uuid_primary_key)]
        pub id: Uuid,
        /// Capitalised, as on the card.
        #[attribute(allow_nil = false, public, constraints(max_length = 20, r#match = "^[A-Z][a-z]+$"))]
        pub first_name: String,
        #[attribute(public)]
        pub middle_name: Option<String>,
        #[attribute(public, description = "The family name")]
        pub last_name: String,
        #[attribute(public)]
        pub email: CiString,
        #[attribute(default = false, public)]
        pub admin: bool,
        #[attribute(default = 0, public, writable = false, constraints(min = 0))]
        pub visits: i64,
        #[attribute(public)]
        pub account_type: Option<String>,
        #[attribute(create_timestamp)]
        pub inserted_at: DateTime<Utc>,
        #[attribute(update_timestamp)]
        pub updated_at: DateTime<Utc>,
    }
}

/// `{:#?}` of a `ResourceInfo`, with function addresses (defaults, change
/// values, filters) masked; what those functions return is compared by
/// `evaluated`. Regexes are compiled first: whether one is compiled yet
/// shows in its `Debug`, and tests run in parallel.
fn described(info: &'static ResourceInfo) -> String {
    let patterns =
        info.attributes.iter().map(|a| &a.constraints).chain(
            info.actions.iter().flat_map(|action| action.arguments.iter().map(|argument| &argument.constraints)),
        );
    for pattern in patterns.filter_map(|constraints| constraints.pattern) {
        let _ = pattern.regex();
    }
    let debug = format!("{info:#?}");
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(start) = rest.find("0x") {
        out.push_str(&rest[..start]);
        out.push_str("<fn>");
        let digits = rest[start + 2..].find(|c: char| !c.is_ascii_hexdigit()).unwrap_or(rest.len() - start - 2);
        rest = &rest[start + 2 + digits..];
    }
    out.push_str(rest);
    out
}

/// What the functions in a `ResourceInfo` return. Generated ids and times
/// differ per call, so only their kind of value is kept.
fn evaluated(info: &'static ResourceInfo) -> Vec<String> {
    let shown = |value: Value| match value {
        Value::Uuid(_) => "a uuid".to_string(),
        Value::DateTime(_) => "a datetime".to_string(),
        other => format!("{other:?}"),
    };
    let mut out = Vec::new();
    for attribute in info.attributes {
        out.push(format!("{} default {:?}", attribute.name, attribute.default.map(|f| shown(f()))));
        out.push(format!("{} update_default {:?}", attribute.name, attribute.update_default.map(|f| shown(f()))));
    }
    for action in info.actions {
        for change in action.changes {
            let change = match change {
                ChangeInfo::SetAttribute { attribute, value } => format!("set {attribute} to {}", shown(value())),
                ChangeInfo::SetNewAttribute { attribute, value } => {
                    format!("set new {attribute} to {}", shown(value()))
                }
                other => format!("{other:?}"),
            };
            out.push(format!("{}: {change}", action.name));
        }
        out.push(format!("{} filter {:?}", action.name, action.filter.map(|f| f())));
    }
    for validation in info.validations {
        if let Validation::OneOf { values, .. } = &validation.rule {
            out.push(format!("one_of {:?}", values()));
        }
    }
    out
}

#[test]
fn both_surfaces_describe_the_same_resource() {
    let (block, attr) = (block::User::info(), attr::User::info());
    assert_eq!(described(block), described(attr));
    assert_eq!(evaluated(block), evaluated(attr));

    // And it is the resource that was declared, not two equally wrong ones.
    assert_eq!(attr.name, "User");
    assert_eq!(attr.description, Some("A customer of the shop."));
    let names: Vec<&str> = attr.attributes.iter().map(|a| a.name).collect();
    assert_eq!(
        names,
        [
            "id",
            "first_name",
            "middle_name",
            "last_name",
            "email",
            "admin",
            "visits",
            "account_type",
            "inserted_at",
            "updated_at"
        ]
    );
    let first_name = attr.attribute("first_name").unwrap();
    assert!(!first_name.allow_nil && first_name.public && first_name.writable);
    assert_eq!(first_name.constraints.max_length, Some(20));
    assert_eq!(first_name.constraints.pattern.map(|p| p.source), Some("^[A-Z][a-z]+$"));
    assert_eq!(attr.attribute("last_name").unwrap().description, Some("The family name"));
    assert!(!attr.attribute("visits").unwrap().writable);
    let names = attr.identity("names").unwrap();
    assert_eq!((names.keys.len(), names.nils_distinct, names.error_fields()), (3, false, &["first_name"][..]));
    assert_eq!(attr.identity("unique_email").unwrap().message(), "is taken");
    assert_eq!(attr.validations.len(), 2);
    let new_customer = attr.action("new_customer").unwrap();
    assert_eq!(new_customer.accept, ["first_name", "last_name", "email"]);
    assert_eq!(new_customer.arguments.len(), 2);
    assert!(new_customer.upsert);
    assert_eq!(new_customer.upsert_identity, Some("unique_email"));
    assert!(attr.action("admins").unwrap().filter.is_some());
    let defaults: Vec<&str> = attr.actions.iter().map(|a| a.name).collect();
    assert_eq!(defaults, ["create", "read", "update", "destroy", "new_customer", "admins", "promote"]);
}

/// What a call gave, without what differs per run (ids, times).
macro_rules! outcome {
    ($result:expr) => {
        match $result {
            Ok(user) => format!(
                "ok: {} {:?} {} <{}> admin={} visits={} type={:?}",
                user.first_name,
                user.middle_name,
                user.last_name,
                user.email.as_str(),
                user.admin,
                user.visits,
                user.account_type
            ),
            Err(error) => format!("error: {error:#}"),
        }
    };
}

/// The same calls against either surface's `User`, as a log of outcomes.
macro_rules! scenario {
    ($surface:ident) => {{
        use $surface::{User, user};
        let shop = Domain::new().register::<User>().build().expect("the domain builds");
        let mut log = Vec::new();
        let create = |first: &str, last: &str, email: &str| {
            User::create().first_name(first).last_name(last).email(email).run(&shop)
        };

        let alice = create("Alice", "Liddell", "alice@example.com");
        log.push(outcome!(&alice));
        let alice = alice.expect("alice is created");
        log.push(outcome!(create("Alicia", "Liddell", "ALICE@example.com")));
        log.push(outcome!(create("Alice", "Liddell", "other@example.com")));
        log.push(outcome!(create("alice", "L", "lower@example.com")));
        log.push(outcome!(create("Averyveryverylongname", "Long", "long@example.com")));
        log.push(outcome!(User::create().run(&shop)));

        log.push(outcome!(
            User::new_customer()
                .first_name("Bob")
                .last_name("Builder")
                .email("bob@example.com")
                .password("long enough")
                .password_confirmation("long enuogh")
                .run(&shop)
        ));
        let customer = |first: &str, email: &str| {
            User::new_customer()
                .first_name(first)
                .last_name("Builder")
                .email(email)
                .password("long enough")
                .password_confirmation("long enough")
                .run(&shop)
        };
        let bob = customer("Bob", "bob@example.com").expect("bob is created");
        log.push(outcome!(Ok::<_, Error>(&bob)));
        let upserted = customer("Robert", "BOB@example.com").expect("the upsert succeeds");
        log.push(outcome!(Ok::<_, Error>(&upserted)));
        log.push(format!("upsert kept the record: {}", upserted.id == bob.id));

        let promoted = alice.promote().run(&shop);
        log.push(outcome!(&promoted));
        let admins = User::admins().run(&shop).expect("admins are read");
        log.push(format!("admins: {:?}", admins.iter().map(|u| u.first_name.as_str()).collect::<Vec<_>>()));
        let all = User::read().sort(user::email.asc()).run(&shop).expect("users are read");
        log.push(format!("all: {:?}", all.iter().map(|u| u.email.as_str()).collect::<Vec<_>>()));
        let found = User::get_by_unique_email(&shop, CiString::from("Alice@Example.com")).map(|u| u.id == alice.id);
        log.push(format!("get by email finds alice: {found:?}"));

        let renamed = alice.update().last_name("X").run(&shop);
        log.push(outcome!(&renamed));
        log.push(format!("destroy: {:?}", bob.destroy().run(&shop)));
        log.push(format!("left: {}", User::read().run(&shop).expect("users are read").len()));
        log
    }};
}

#[test]
fn both_surfaces_behave_the_same() {
    let block = scenario!(block);
    let attr = scenario!(attr);
    assert_eq!(block, attr);

    // What they both did, so that agreement is not agreement on a failure.
    let expected = [
        "ok: Alice None Liddell <alice@example.com> admin=false visits=0 type=None",
        "error: Invalid Error\n\n* email: is taken",
        "error: Invalid Error\n\n* first_name: has already been taken",
        // A value that fails its constraints is not set, so `present` does not count it.
        "error: Invalid Error\n\n* first_name: must match the pattern ~r/^[A-Z][a-z]+$/\n* last_name: is too short\n\
         * first_name, last_name: at least 2 of \"first_name,last_name\" must be present",
        "error: Invalid Error\n\n* first_name: length must be less than or equal to 20\n\
         * first_name, last_name: at least 2 of \"first_name,last_name\" must be present",
        "error: Invalid Error\n\n* first_name: is required\n* last_name: is required\n* email: is required\n\
         * first_name, last_name: at least 2 of \"first_name,last_name\" must be present",
        "error: Invalid Error\n\n* password_confirmation: confirmation did not match value",
        "ok: Bob None Builder <bob@example.com> admin=false visits=0 type=Some(\"customer\")",
        "ok: Robert None Builder <bob@example.com> admin=false visits=0 type=Some(\"customer\")",
        "upsert kept the record: true",
        "ok: Alice None Liddell <alice@example.com> admin=true visits=0 type=None",
        "admins: [\"Alice\"]",
        "all: [\"alice@example.com\", \"bob@example.com\"]",
        "get by email finds alice: Ok(true)",
        "ok: Alice None X <alice@example.com> admin=true visits=0 type=None",
        "destroy: Ok(())",
        "left: 1",
    ];
    assert_eq!(attr, expected);
}
