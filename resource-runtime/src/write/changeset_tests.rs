//! The changeset lifecycle on a hand-written `ResourceInfo` (no macros).

use serde_json::json;

use crate::data_layer::Target;
use crate::domain::Domain;
use crate::info::cast::Input;
use crate::info::error::{Error, FieldErrorKind};
use crate::info::value::{Row, Value};
use crate::info::*;
use crate::write::changeset::DynChangeset;

fn attribute(name: &'static str, ty: Type, allow_nil: bool) -> AttributeInfo {
    AttributeInfo { allow_nil, ..AttributeInfo::new(name, ty) }
}

const fn action(name: &'static str, kind: ActionKind, accept: &'static [&'static str]) -> ActionInfo {
    ActionInfo { primary: true, accept, ..ActionInfo::new(name, kind) }
}

static USER: std::sync::LazyLock<&'static ResourceInfo> = std::sync::LazyLock::new(|| {
    let attributes = vec![
        AttributeInfo {
            primary_key: true,
            writable: false,
            default: Some(|| Value::Uuid(uuid::Uuid::new_v4())),
            ..attribute("id", Type::Uuid, false)
        },
        attribute("email", Type::CiString, false),
        attribute("name", Type::String, true),
        AttributeInfo { default: Some(|| Value::Int(0)), ..attribute("visits", Type::Integer, false) },
        AttributeInfo { public: false, ..attribute("admin", Type::Boolean, true) },
    ];
    static IDENTITIES: [IdentityInfo; 1] = [IdentityInfo {
        name: "email",
        keys: &["email"],
        pre_check: false,
        eager_check: true,
        message: None,
        nils_distinct: true,
        field_names: None,
    }];
    static ACTIONS: [ActionInfo; 3] = [
        action("create", ActionKind::Create, &["email", "name", "visits"]),
        action("update", ActionKind::Update, &["email", "name", "visits"]),
        ActionInfo {
            changes: &[ChangeInfo::SetAttribute { attribute: "admin", value: || Value::Bool(true) }],
            primary: false,
            ..action("make_admin", ActionKind::Update, &[])
        },
    ];
    Box::leak(Box::new(ResourceInfo {
        name: "User",
        short_name: "user",
        description: None,
        data_layer: DataLayerKind::Ets,
        attributes: Box::leak(attributes.into_boxed_slice()),
        identities: &IDENTITIES,
        actions: &ACTIONS,
        validations: &[],
        calculations: &[],
        relationships: &[],
        aggregates: &[],
        sql: SqlInfo::DEFAULT,
    }))
});

fn domain() -> Domain {
    Domain::new().register_info(*USER).build().unwrap()
}

fn json_inputs(input: serde_json::Value) -> Vec<(String, Input)> {
    input.as_object().unwrap().iter().map(|(k, v)| (k.clone(), Input::Json(v.clone()))).collect()
}

fn create(domain: &Domain, input: serde_json::Value) -> DynChangeset {
    DynChangeset::build(domain, *USER, "create", ActionKind::Create, None, json_inputs(input)).unwrap()
}

#[test]
fn defaults_are_applied_and_input_is_cast() {
    let d = domain();
    let changeset = create(&d, json!({"email": " A@b.io ", "visits": "3"}));
    assert!(changeset.is_valid(), "{:?}", changeset.errors());
    assert_eq!(changeset.get_attribute("email"), Value::CiString("A@b.io".into()));
    assert_eq!(changeset.get_attribute("visits"), Value::Int(3));
    assert!(matches!(changeset.get_attribute("id"), Value::Uuid(_)));
    let row = changeset.run().unwrap();
    assert_eq!(row[3], Value::Int(3));
}

#[test]
fn all_errors_are_collected() {
    let d = domain();
    let changeset = create(&d, json!({"visits": "many", "admin": true, "colour": 1}));
    let kinds: Vec<(String, FieldErrorKind)> =
        changeset.errors().iter().map(|e| (e.field().to_string(), e.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("admin".to_string(), FieldErrorKind::NotAccepted),
            ("colour".to_string(), FieldErrorKind::NoSuchInput),
            ("visits".to_string(), FieldErrorKind::InvalidType),
            ("email".to_string(), FieldErrorKind::Required),
        ]
    );
    assert!(matches!(changeset.run(), Err(Error::Invalid(errors)) if errors.len() == 4));
}

#[test]
fn eager_identity_check_runs_when_built() {
    let d = domain();
    create(&d, json!({"email": "a@b.io"})).run().unwrap();
    let changeset = create(&d, json!({"email": "A@B.IO"}));
    assert_eq!(changeset.errors().len(), 1);
    assert_eq!(changeset.errors()[0].to_string(), "email: has already been taken");
}

#[test]
fn updates_change_only_what_is_given_and_run_changes() {
    let d = domain();
    let row = create(&d, json!({"email": "a@b.io", "name": "Ann"})).run().unwrap();
    let update = |action: &str, input| {
        DynChangeset::build(&d, *USER, action, ActionKind::Update, Some(row.clone()), json_inputs(input)).unwrap()
    };
    let updated = update("update", json!({"visits": 2})).run().unwrap();
    assert_eq!((updated[2].clone(), updated[3].clone()), (Value::String("Ann".into()), Value::Int(2)));
    let admin = update("make_admin", json!({})).run().unwrap();
    assert_eq!(admin[4], Value::Bool(true));
    let cleared = update("update", json!({"email": null}));
    assert_eq!(cleared.errors()[0].to_string(), "email: is required");
}

#[test]
fn an_update_does_not_conflict_with_its_own_identity() {
    let d = domain();
    let row = create(&d, json!({"email": "a@b.io"})).run().unwrap();
    let recase = DynChangeset::build(
        &d,
        *USER,
        "update",
        ActionKind::Update,
        Some(row),
        json_inputs(json!({"email": "A@B.io"})),
    )
    .unwrap();
    assert!(recase.is_valid(), "{:?}", recase.errors());
    assert_eq!(recase.run().unwrap()[1], Value::CiString("A@B.io".into()));
}

#[test]
fn unknown_or_mismatched_actions_are_errors() {
    let d = domain();
    let err = DynChangeset::build(&d, *USER, "make_admin", ActionKind::Create, None, vec![]).unwrap_err();
    assert_eq!(err.to_string(), "No such create action `make_admin` for resource User");
}

/// An ETS store that claims fewer capabilities than it has: no atomic
/// upsert (it fails if asked for one) and, with `checks: false`, no
/// identities of its own. It counts lookups by key.
struct Limited(crate::data_layer::ets::Ets, bool, std::sync::atomic::AtomicUsize);

fn limited(native_identities: bool) -> Limited {
    Limited(crate::data_layer::ets::Ets::new(), native_identities, Default::default())
}

impl crate::data_layer::DataLayer for Limited {
    fn name(&self) -> &'static str {
        "limited ets"
    }
    fn capabilities(&self) -> crate::data_layer::Capabilities {
        crate::data_layer::Capabilities { upsert: false, native_identities: self.1, ..self.0.capabilities() }
    }
    fn register(&self, target: Target<'_>) -> crate::info::error::Result<()> {
        self.0.register(target)
    }
    fn create(&self, target: Target<'_>, row: Row) -> crate::info::error::Result<Row> {
        self.0.create(target, row)
    }
    fn upsert(&self, _: Target<'_>, _: Row, _: &[usize], _: &[usize]) -> crate::info::error::Result<Row> {
        Err(Error::DataLayer("upsert called on a layer without upserts".into()))
    }
    fn read(&self, target: Target<'_>, query: &crate::data_layer::DataQuery) -> crate::info::error::Result<Vec<Row>> {
        self.0.read(target, query)
    }
    fn get(&self, target: Target<'_>, keys: &[usize], values: &[Value]) -> crate::info::error::Result<Option<Row>> {
        self.2.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.0.get(target, keys, values)
    }
    fn update(&self, target: Target<'_>, pk: &[Value], changes: &[(usize, Value)]) -> crate::info::error::Result<Row> {
        self.0.update(target, pk, changes)
    }
    fn destroy(&self, target: Target<'_>, pk: &[Value]) -> crate::info::error::Result<()> {
        self.0.destroy(target, pk)
    }
}

static MEMBER: ResourceInfo = ResourceInfo {
    attributes: &[
        AttributeInfo { primary_key: true, allow_nil: false, ..AttributeInfo::new("id", Type::Integer) },
        AttributeInfo { allow_nil: false, ..AttributeInfo::new("email", Type::String) },
        AttributeInfo::new("name", Type::String),
        AttributeInfo::new("visits", Type::Integer),
    ],
    identities: &[IdentityInfo::new("email", &["email"])],
    actions: &[
        ActionInfo {
            upsert: true,
            upsert_identity: Some("email"),
            upsert_fields: UpsertFields::Replace(&["name"]),
            ..action("join", ActionKind::Create, &["id", "email", "name", "visits"])
        },
        ActionInfo { primary: false, ..action("plain", ActionKind::Create, &["id", "email"]) },
    ],
    ..ResourceInfo::new("Member", DataLayerKind::Ets)
};

/// The rows after joining twice with one email, on `layer`.
fn join_twice(layer: impl crate::data_layer::IntoDataLayer) -> Vec<Row> {
    let domain = Domain::new().with_data_layer(layer).register_info(&MEMBER).build().unwrap();
    let join = |input: serde_json::Value| {
        DynChangeset::build(&domain, &MEMBER, "join", ActionKind::Create, None, json_inputs(input)).unwrap().run()
    };
    join(json!({"id": 1, "email": "a@x", "name": "Ann", "visits": 1})).unwrap();
    let second = join(json!({"id": 2, "email": "a@x", "name": "Anna", "visits": 9})).unwrap();
    assert_eq!(second, vec![Value::Int(1), "a@x".into(), "Anna".into(), Value::Int(1)]);
    domain.data_layer(&MEMBER).unwrap().read(Target::from(&MEMBER), &Default::default()).unwrap()
}

#[test]
fn a_layer_without_upserts_gets_the_same_upsert_in_steps() {
    let native = join_twice(crate::data_layer::ets::Ets::new());
    let in_steps = join_twice(limited(true));
    assert_eq!(native, vec![vec![Value::Int(1), "a@x".into(), "Anna".into(), Value::Int(1)]]);
    assert_eq!(in_steps, native);
}

#[test]
fn a_layer_without_identities_of_its_own_gets_every_identity_checked_before_the_write() {
    let lookups = |native: bool| {
        let layer = std::sync::Arc::new(limited(native));
        let shared: std::sync::Arc<dyn crate::data_layer::DataLayer> = layer.clone();
        let domain = Domain::new().with_data_layer(shared).register_info(&MEMBER).build().unwrap();
        // `email` has no pre_check: only a layer without identities looks it up.
        let input = json!({"id": 1, "email": "a@x"});
        DynChangeset::build(&domain, &MEMBER, "plain", ActionKind::Create, None, json_inputs(input))
            .unwrap()
            .run()
            .unwrap();
        let taken = json!({"id": 2, "email": "a@x"});
        let err =
            DynChangeset::build(&domain, &MEMBER, "plain", ActionKind::Create, None, json_inputs(taken)).unwrap().run();
        assert_eq!(err.unwrap_err().to_string(), "invalid input: email: has already been taken");
        layer.2.load(std::sync::atomic::Ordering::Relaxed)
    };
    assert_eq!(lookups(true), 0);
    assert_eq!(lookups(false), 2);
}
