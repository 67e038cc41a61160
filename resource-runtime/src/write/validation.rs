//! Ash's built-in validations, with Ash's message texts. A validation sees
//! the changeset through `get`, which returns an attribute's new value (or
//! its current one) or an argument's value.

use std::cmp::Ordering;

#[cfg(test)]
use crate::info::ValidationInfo;
use crate::info::error::{FieldError, FieldErrorKind};
use crate::info::value::Value;
use crate::info::{Operand, Validation};

/// Runs one built-in validation; returns its errors (empty when it passes).
/// `where` and `only_when_valid` are the changeset's to apply.
#[cfg(test)]
pub fn run(validation: &ValidationInfo, get: &dyn Fn(&str) -> Value) -> Vec<FieldError> {
    let mut errors = check(&validation.rule, get);
    if let Some(message) = validation.message {
        for error in &mut errors {
            error.message = message.to_string();
        }
    }
    errors
}

fn error(field: &str, message: impl Into<String>) -> Vec<FieldError> {
    vec![FieldError::new(field, FieldErrorKind::Validation, message)]
}

/// The errors of a built-in rule; a custom one is the changeset's to run.
pub(crate) fn check(rule: &Validation, get: &dyn Fn(&str) -> Value) -> Vec<FieldError> {
    match rule {
        Validation::Custom(_) => Vec::new(),
        Validation::Present { fields, at_least, at_most, exactly } => {
            let present = fields.iter().filter(|f| !get(f).is_nil()).count();
            check_count(fields, present, *at_least, *at_most, *exactly, "present", get)
        }
        Validation::Absent { fields, at_least, at_most, exactly } => {
            let absent = fields.iter().filter(|f| get(f).is_nil()).count();
            check_count(fields, absent, *at_least, *at_most, *exactly, "absent", get)
        }
        Validation::StringLength { field, min, max, exact } => {
            let value = get(field);
            let Some(s) = value.as_str() else { return Vec::new() };
            string_length(field, s.chars().count(), *min, *max, *exact)
        }
        Validation::Compare {
            field,
            greater_than,
            greater_than_or_equal_to,
            less_than,
            less_than_or_equal_to,
            is_equal,
        } => {
            let value = get(field);
            if value.is_nil() {
                return Vec::new();
            }
            let checks = [
                (greater_than, &[Ordering::Greater][..], "must be greater than"),
                (
                    greater_than_or_equal_to,
                    &[Ordering::Greater, Ordering::Equal][..],
                    "must be greater than or equal to",
                ),
                (less_than, &[Ordering::Less][..], "must be less than"),
                (less_than_or_equal_to, &[Ordering::Less, Ordering::Equal][..], "must be less than or equal to"),
                (is_equal, &[Ordering::Equal][..], "must be equal to"),
            ];
            for (operand, allowed, message) in checks {
                let Some(operand) = operand else { continue };
                let (other, shown) = match operand {
                    Operand::Value(f) => {
                        let v = f();
                        let shown = v.to_string();
                        (v, shown)
                    }
                    Operand::Field(name) => (get(name), name.to_string()),
                };
                if other.is_nil() {
                    continue;
                }
                if !value.compare(&other).is_some_and(|o| allowed.contains(&o)) {
                    return error(field, format!("{message} {shown}"));
                }
            }
            Vec::new()
        }
        Validation::Match { field, pattern } => {
            let value = get(field);
            match value.as_str() {
                Some(s) if !pattern.regex().is_some_and(|re| re.is_match(s)) => {
                    error(field, format!("must match {}", pattern.inspect()))
                }
                _ => Vec::new(),
            }
        }
        Validation::OneOf { field, values } => {
            let value = get(field);
            let allowed = values();
            if value.is_nil() || allowed.iter().any(|a| a.loose_eq(&value)) {
                return Vec::new();
            }
            let shown: Vec<String> = allowed.iter().map(plain).collect();
            error(field, format!("expected one of {}", shown.join(", ")))
        }
        Validation::AttributeEquals { field, value } => {
            let expected = value();
            if get(field).loose_eq(&expected) {
                Vec::new()
            } else {
                error(field, format!("must equal {}", plain(&expected)))
            }
        }
        Validation::AttributeDoesNotEqual { field, value } => {
            let unwanted = value();
            if get(field).loose_eq(&unwanted) {
                error(field, format!("must not equal {}", plain(&unwanted)))
            } else {
                Vec::new()
            }
        }
        Validation::Confirm { field, confirmation } => {
            let (value, confirmed) = (get(field), get(confirmation));
            if value == confirmed { Vec::new() } else { error(confirmation, "confirmation did not match value") }
        }
    }
}

/// A value as Ash interpolates it with `to_string` (no quotes).
fn plain(value: &Value) -> String {
    match value.as_str() {
        Some(s) => s.to_string(),
        None => value.to_string(),
    }
}

/// `present` / `absent` with their counts. With no count given, every field
/// must be present (absent), and each one that is not gets its own error.
fn check_count(
    fields: &[&str],
    matching: usize,
    at_least: Option<usize>,
    at_most: Option<usize>,
    exactly: Option<usize>,
    word: &str,
    get: &dyn Fn(&str) -> Value,
) -> Vec<FieldError> {
    let keys = format!("\"{}\"", fields.join(","));
    let whole = |message: String| vec![FieldError::on_fields(fields, FieldErrorKind::Validation, message)];
    if let Some(n) = exactly {
        if matching != n {
            return whole(format!("exactly {n} of {keys} must be {word}"));
        }
        return Vec::new();
    }
    if at_least.is_none() && at_most.is_none() {
        let wanted_nil = word == "absent";
        return fields
            .iter()
            .filter(|f| get(f).is_nil() != wanted_nil)
            .flat_map(|f| error(f, format!("must be {word}")))
            .collect();
    }
    if let Some(n) = at_least
        && matching < n
    {
        return whole(format!("at least {n} of {keys} must be {word}"));
    }
    if let Some(n) = at_most
        && matching > n
    {
        return whole(format!("at most {n} of {keys} must be {word}"));
    }
    Vec::new()
}

fn string_length(
    field: &str,
    length: usize,
    min: Option<usize>,
    max: Option<usize>,
    exact: Option<usize>,
) -> Vec<FieldError> {
    let message = match (min, max, exact) {
        (_, _, Some(n)) if length != n => format!("must have length of exactly {n}"),
        (Some(lo), Some(hi), None) if length < lo || length > hi => {
            format!("must have length of between {lo} and {hi}")
        }
        (Some(lo), None, None) if length < lo => format!("must have length of at least {lo}"),
        (None, Some(hi), None) if length > hi => format!("must have length of no more than {hi}"),
        _ => return Vec::new(),
    };
    error(field, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::info::{Pattern, ValidationInfo};
    use std::collections::HashMap;

    fn run_on(rule: Validation, values: &[(&str, Value)]) -> Vec<String> {
        let map: HashMap<&str, Value> = values.iter().cloned().collect();
        let info = ValidationInfo::new(rule);
        run(&info, &|f| map.get(f).cloned().unwrap_or(Value::Nil)).iter().map(|e| e.to_string()).collect()
    }

    fn s(v: &str) -> Value {
        Value::String(v.into())
    }

    #[test]
    fn present_single_and_counts() {
        let all = Validation::Present { fields: &["a", "b"], at_least: None, at_most: None, exactly: None };
        assert_eq!(run_on(all, &[("a", s("x"))]), vec!["b: must be present"]);
        let one = Validation::Present { fields: &["a", "b"], at_least: Some(1), at_most: None, exactly: None };
        assert_eq!(run_on(one, &[]), vec!["a, b: at least 1 of \"a,b\" must be present"]);
        let one = Validation::Present { fields: &["a", "b"], at_least: Some(1), at_most: None, exactly: None };
        assert!(run_on(one, &[("b", s("x"))]).is_empty());
        let exact = Validation::Present { fields: &["a", "b"], at_least: None, at_most: None, exactly: Some(1) };
        assert_eq!(run_on(exact, &[("a", s("x")), ("b", s("y"))]), vec!["a, b: exactly 1 of \"a,b\" must be present"]);
    }

    #[test]
    fn absent() {
        let rule = Validation::Absent { fields: &["admin"], at_least: None, at_most: None, exactly: None };
        assert_eq!(run_on(rule, &[("admin", Value::Bool(true))]), vec!["admin: must be absent"]);
    }

    #[test]
    fn string_length_messages() {
        let rule = |min, max, exact| Validation::StringLength { field: "n", min, max, exact };
        assert_eq!(run_on(rule(Some(3), None, None), &[("n", s("ab"))]), vec!["n: must have length of at least 3"]);
        assert_eq!(run_on(rule(None, Some(1), None), &[("n", s("ab"))]), vec!["n: must have length of no more than 1"]);
        assert_eq!(
            run_on(rule(Some(3), Some(4), None), &[("n", s("ab"))]),
            vec!["n: must have length of between 3 and 4"]
        );
        assert_eq!(run_on(rule(None, None, Some(1)), &[("n", s("ab"))]), vec!["n: must have length of exactly 1"]);
        assert!(run_on(rule(Some(3), None, None), &[]).is_empty(), "nil is left to `present`");
    }

    #[test]
    fn compare_with_values_and_fields() {
        let rule = Validation::Compare {
            field: "age",
            greater_than: None,
            greater_than_or_equal_to: Some(Operand::Value(|| Value::Int(18))),
            less_than: Some(Operand::Field("limit")),
            less_than_or_equal_to: None,
            is_equal: None,
        };
        assert_eq!(run_on(rule, &[("age", Value::Int(17))]), vec!["age: must be greater than or equal to 18"]);
        let rule = Validation::Compare {
            field: "age",
            greater_than: None,
            greater_than_or_equal_to: None,
            less_than: Some(Operand::Field("limit")),
            less_than_or_equal_to: None,
            is_equal: None,
        };
        assert_eq!(
            run_on(rule, &[("age", Value::Int(30)), ("limit", Value::Int(20))]),
            vec!["age: must be less than limit"]
        );
    }

    #[test]
    fn match_one_of_equals_confirm() {
        static AT: Pattern = Pattern::new("@");
        assert_eq!(
            run_on(Validation::Match { field: "email", pattern: &AT }, &[("email", s("x"))]),
            vec!["email: must match ~r/@/"]
        );
        let one_of = Validation::OneOf { field: "kind", values: || vec![Value::from("a"), Value::from("b")] };
        assert_eq!(run_on(one_of, &[("kind", s("c"))]), vec!["kind: expected one of a, b"]);
        let eq = Validation::AttributeEquals { field: "kind", value: || Value::from("a") };
        assert_eq!(run_on(eq, &[("kind", s("c"))]), vec!["kind: must equal a"]);
        let ne = Validation::AttributeDoesNotEqual { field: "kind", value: || Value::from("a") };
        assert_eq!(run_on(ne, &[("kind", s("a"))]), vec!["kind: must not equal a"]);
        let confirm = Validation::Confirm { field: "password", confirmation: "password_confirmation" };
        assert_eq!(
            run_on(confirm, &[("password", s("x")), ("password_confirmation", s("y"))]),
            vec!["password_confirmation: confirmation did not match value"]
        );
    }

    #[test]
    fn custom_message_replaces_the_default() {
        let info = ValidationInfo {
            message: Some("tell us your a"),
            ..ValidationInfo::new(Validation::Present { fields: &["a"], at_least: None, at_most: None, exactly: None })
        };
        let errors = run(&info, &|_| Value::Nil);
        assert_eq!(errors[0].to_string(), "a: tell us your a");
    }
}
