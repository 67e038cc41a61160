//! `#[derive(Atom)]`: snake_case names, conversions to and from `Value`,
//! `Display`, `FromStr` and serde as the name.

#![deny(warnings)]

use std::str::FromStr;

use resource::{Atom, AttributeValue, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Atom)]
pub enum Status {
    Open,
    InProgress,
    HTTPError,
    r#Type,
}

fn main() {
    assert_eq!(Status::NAMES, &["open", "in_progress", "http_error", "type"]);
    assert_eq!(Status::VARIANTS, &[Status::Open, Status::InProgress, Status::HTTPError, Status::Type]);
    assert_eq!(Status::InProgress.name(), "in_progress");
    assert_eq!(Status::from_name("http_error"), Some(Status::HTTPError));
    assert_eq!(Status::from_name("InProgress"), None);

    assert_eq!(<Status as AttributeValue>::TYPE, resource::__private::Type::Atom(Status::NAMES));
    assert_eq!(Status::Open.into_value(), Value::Atom("open".to_string()));
    assert_eq!(Value::from(Status::Type), Value::Atom("type".to_string()));
    assert_eq!(Status::from_value(Value::Atom("open".to_string())), Some(Status::Open));
    assert_eq!(Status::from_value(Value::String("in_progress".to_string())), Some(Status::InProgress));
    assert_eq!(Status::from_value(Value::String("closed".to_string())), None);
    assert_eq!(Status::from_value(Value::Int(1)), None);
    assert_eq!(<Option<Status>>::from_value(Value::Nil), Some(None));

    assert_eq!(Status::InProgress.to_string(), "in_progress");
    assert_eq!(Status::from_str("open").unwrap(), Status::Open);
    let error = Status::from_str("closed").unwrap_err().to_string();
    assert!(error.contains("closed") && error.contains("`in_progress`"), "{error}");

    assert_eq!(serde_json::to_string(&Status::HTTPError).unwrap(), "\"http_error\"");
    assert_eq!(serde_json::from_str::<Status>("\"in_progress\"").unwrap(), Status::InProgress);
    let error = serde_json::from_str::<Status>("\"closed\"").unwrap_err().to_string();
    assert!(error.contains("unknown variant `closed`"), "{error}");
}
