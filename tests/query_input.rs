//! A read's own input checked before any data layer sees it, the same on
//! every layer: values that do not cast to the field's type, and names that
//! are no field, are `Error::Invalid` naming the field (Ash casts filter
//! values; issue 8, items 3 and 18), never an empty result or `NotFound`.

use resource::dsl::resource;
use resource::prelude::*;
use resource::{BinaryOp, Expr, FieldErrorKind, Query, Sort, SortOrder, Value};

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

#[derive(Debug, Clone, Copy, PartialEq, Eq, resource::Atom)]
pub enum Stage {
    Draft,
    Done,
}

resource! {
    pub Task {
        attributes {
            uuid_primary_key id;
            attribute title: String { allow_nil: false, public: true }
            attribute stage: Stage { public: true, default: Stage::Draft }
            attribute points: Option<i64> { public: true }
        }
        identities {
            identity unique_title [title];
        }
        actions {
            default_accept [title, stage, points];
            defaults [create, read];
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Task>())
}

on_every_layer!(domain;
    a_value_that_does_not_cast_is_invalid_input,
    a_value_that_casts_is_compared_as_the_field_type,
    a_name_that_is_no_field_is_invalid_input,
    a_malformed_key_is_invalid_input_not_not_found,
);

fn compare(field: &str, value: impl Into<Value>) -> Expr {
    Expr::binary(BinaryOp::Eq, Expr::field(field), Expr::value(value))
}

/// The one field error of an `Error::Invalid`, as (field, kind).
fn invalid_field(err: Error) -> (String, FieldErrorKind) {
    let Error::Invalid(errors) = &err else { panic!("not Invalid: {err:?}") };
    assert_eq!(errors.len(), 1, "{err}");
    (errors[0].fields.join(","), errors[0].kind)
}

fn a_value_that_does_not_cast_is_invalid_input(d: &Domain) {
    Task::create().title("Write").run(d).unwrap();
    let err = Task::read().filter_expr(compare("id", "foo")).run(d).unwrap_err();
    assert_eq!(invalid_field(err.clone()), ("id".into(), FieldErrorKind::InvalidType));
    assert_eq!(err.to_string(), "invalid input: id: is invalid");
    let err = Task::read().filter_expr(compare("points", "many")).run(d).unwrap_err();
    assert_eq!(invalid_field(err), ("points".into(), FieldErrorKind::InvalidType));
    // An atom outside its names, on either side of the comparison and in a list.
    let err = Task::read().filter_expr(compare("stage", "archived")).run(d).unwrap_err();
    assert_eq!(invalid_field(err), ("stage".into(), FieldErrorKind::InvalidType));
    let reversed = Expr::binary(BinaryOp::NotEq, Expr::value("archived"), Expr::field("stage"));
    assert!(matches!(Task::read().filter_expr(reversed).run(d), Err(Error::Invalid(_))));
    let listed = Expr::in_list(Expr::field("stage"), Expr::values(["done", "archived"]));
    assert!(matches!(Task::read().filter_expr(listed).first(d), Err(Error::Invalid(_))));
}

fn a_value_that_casts_is_compared_as_the_field_type(d: &Domain) {
    let write = Task::create().title("Write").points(3).run(d).unwrap();
    Task::create().title("Test").stage(Stage::Done).run(d).unwrap();
    // A uuid given as text, a number given as text, an atom given as text.
    let by_id = Task::read().filter_expr(compare("id", write.id.to_string())).run(d).unwrap();
    assert_eq!(by_id, vec![write.clone()]);
    let by_points = Task::read().filter_expr(compare("points", "3")).run(d).unwrap();
    assert_eq!(by_points, vec![write]);
    let done = Task::read().filter_expr(compare("stage", "done")).run(d).unwrap();
    assert_eq!(done.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["Test"]);
}

fn a_name_that_is_no_field_is_invalid_input(d: &Domain) {
    Task::create().title("Write").run(d).unwrap();
    let err = Task::read().filter_expr(compare("titel", "Write")).run(d).unwrap_err();
    assert_eq!(invalid_field(err.clone()), ("titel".into(), FieldErrorKind::NoSuchField));
    assert_eq!(err.to_string(), "invalid input: titel: no such field of Task");
    let unknown_sort = Sort { field: "priority".into(), order: SortOrder::Asc };
    let err = Task::read().sort(unknown_sort).run(d).unwrap_err();
    assert_eq!(invalid_field(err), ("priority".into(), FieldErrorKind::NoSuchField));
    // Through `Query::new`, as a dynamic caller builds it, too.
    let err = Query::<Task>::new("read").filter_expr(Expr::is_nil(Expr::field("nope"))).run(d).unwrap_err();
    assert_eq!(invalid_field(err), ("nope".into(), FieldErrorKind::NoSuchField));
}

fn a_malformed_key_is_invalid_input_not_not_found(d: &Domain) {
    Task::create().title("Write").run(d).unwrap();
    let err = d.get::<Task>(vec![Value::from("not-a-uuid")]).unwrap_err();
    assert_eq!(invalid_field(err), ("id".into(), FieldErrorKind::InvalidType));
    let err = d.get_by_identity::<Task>("unique_title", vec![Value::Int(5)]).unwrap_err();
    assert_eq!(invalid_field(err), ("title".into(), FieldErrorKind::InvalidType));
    // A well-formed key that matches nothing is still `NotFound`.
    let missing = d.get::<Task>(vec![Value::Uuid(Uuid::nil())]).unwrap_err();
    assert!(matches!(missing, Error::NotFound { .. }), "{missing:?}");
}
