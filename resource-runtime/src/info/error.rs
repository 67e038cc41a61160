//! Errors. `Display` is one line per error (`invalid input: name: has
//! already been taken; price: is required`), as Rust errors are; the
//! alternate form `{:#}` renders an invalid input the way Ash does:
//!
//! ```text
//! Invalid Error
//!
//! * name: has already been taken
//! * price: is required
//! ```

use std::fmt;
use std::sync::Arc;

use crate::info::value::Value;

/// The runtime's `Result`: fails with [`Error`] unless another error type is given.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything an action can fail with. New variants may be added: match
/// with a `_` arm.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// The input was invalid: one entry per field problem, all reported together.
    Invalid(Vec<FieldError>),
    /// No record matched a get by primary key or identity, or a read that
    /// returns one record (`get_by`, `Query::one`) found none. Renders as `record with email: "a@b" not
    /// found`, or `record not found` when there is no lookup.
    NotFound {
        /// The resource's Rust name.
        resource: &'static str,
        /// The fields looked up and the values they were given.
        lookup: Vec<(String, Value)>,
    },
    /// A read that returns one record (`get_by`, `Query::one`) found several
    /// (Ash's `MultipleResults`).
    MultipleResults {
        /// The resource's Rust name.
        resource: &'static str,
        /// The read action that ran.
        action: String,
    },
    /// A field of a `Selected` record that the select did not read.
    NotSelected {
        /// The resource's Rust name.
        resource: &'static str,
        /// The attribute asked for.
        field: String,
    },
    /// A relationship read through its accessor (`ticket.representative()?`)
    /// that the read did not load.
    NotLoaded {
        /// The resource's Rust name.
        resource: &'static str,
        /// The relationship.
        field: &'static str,
        /// The resource's field module (`ticket`), for the hint.
        module: &'static str,
    },
    /// The resource has no action with this name (or of the right kind).
    NoSuchAction {
        /// The resource's Rust name.
        resource: &'static str,
        /// The action name asked for.
        action: String,
        /// The kind of action wanted (`ActionKind::as_str`: `"create"`, ..).
        kind: &'static str,
    },
    /// The resource is not registered with the domain.
    NoSuchResource {
        /// The resource's Rust name.
        resource: String,
    },
    /// A read loads a name that is no calculation, aggregate or relationship.
    NoSuchLoad {
        /// The resource's Rust name.
        resource: &'static str,
        /// The name asked for.
        name: String,
    },
    /// The data layer failed for a reason that is not the user's input.
    DataLayer(String),
    /// The database driver failed for a reason that is not the user's
    /// input (an I/O error, a corrupt file, ..). `std::error::Error::source`
    /// gives the driver's own error, to downcast (the SQLite layer's is its driver's error type).
    Database {
        /// What failed, with the driver's message (`sqlite: disk I/O error`).
        message: String,
        /// The driver's error.
        source: DriverError,
    },
    /// A value does not fit its field's storage: written with another type
    /// than the attribute's (a row built by hand), or stored in a form the
    /// attribute's type cannot read back. Nothing was written.
    ValueType {
        /// The resource's Rust name.
        resource: &'static str,
        /// The attribute whose value did not fit.
        field: &'static str,
        /// What was wrong, from the data layer's codec.
        message: String,
    },
    /// The database stayed locked by another connection past the busy
    /// timeout. Nothing was written; the action may be retried.
    Busy {
        /// The database's own message.
        message: String,
    },
    /// The database (or its file) cannot be written. Nothing was written.
    ReadOnly {
        /// The database's own message.
        message: String,
    },
    /// The database server cannot be reached, went away mid-statement or
    /// cancelled the statement (a timeout). Nothing was committed; the
    /// action may be retried (the connection pool replaces lost connections).
    Unavailable {
        /// What the driver or the server said.
        message: String,
    },
    /// A change, validation or hook panicked. The action stopped there and
    /// wrote nothing (or, in an `after_transaction` hook, what it wrote stays).
    Panicked {
        /// What was running: `change Slugify of Post.create`, `after_action hook of Post.create`.
        during: String,
        /// The panic's message.
        message: String,
    },
    /// The resource's table is not in the database.
    MissingTable {
        /// The table's name, as the database's message gives it (without a schema).
        table: String,
    },
    /// An expression evaluated `error(message)` (Ash's `error/2`, raising
    /// an `Ash.Error.Query.InvalidExpression`-like error), in memory or in SQL.
    InvalidExpression {
        /// The message given to `error(..)`.
        message: String,
    },
}

/// One problem with one field (or a group of fields, for multi-key identities).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// The attributes or arguments the problem is on; several for a
    /// multi-key identity or a `present`/`absent` count. Rendered joined by `, `.
    pub fields: Vec<String>,
    /// Ash's message text, e.g. "is required" or "has already been taken".
    pub message: String,
    /// The kind of problem, for code that reacts to it.
    pub kind: FieldErrorKind,
    /// Inside an embedded value: the steps from the parent's attribute to the
    /// first field (`profile`, `first_name`); empty at the top level.
    path: Vec<PathStep>,
}

/// One step of a field error's path (`FieldError::path`): an attribute or
/// input key, or a position in a list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathStep {
    /// An attribute, argument or input key.
    Field(String),
    /// A position in a list attribute, from 0.
    Index(usize),
}

impl fmt::Display for PathStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathStep::Field(name) => f.write_str(name),
            PathStep::Index(index) => write!(f, "[{index}]"),
        }
    }
}

/// A path as errors render it: `tags[2].name`.
pub fn render_path(path: &[PathStep]) -> String {
    let mut out = String::new();
    for step in path {
        if let PathStep::Field(_) = step
            && !out.is_empty()
        {
            out.push('.');
        }
        out.push_str(&step.to_string());
    }
    out
}

/// What kind of problem a field error is; the message says it in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldErrorKind {
    /// A required attribute or argument is missing (Ash's `Changes.Required`).
    Required,
    /// The value could not be cast to the field's type.
    InvalidType,
    /// The value broke a type constraint (length, pattern, range, one_of).
    Constraint,
    /// A validation failed.
    Validation,
    /// A unique identity is already taken (Ash's `InvalidChanges`).
    Taken,
    /// The input names no attribute or argument the action accepts.
    NoSuchInput,
    /// The action does not accept this attribute, or it is not writable.
    NotAccepted,
    /// A filter or sort names no attribute, calculation or aggregate of the
    /// resource (Ash's `NoSuchField`).
    NoSuchField,
}

impl FieldError {
    /// A failed check on one field (kind `Validation`): what a custom change,
    /// validation or hook usually reports.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError::new(field, FieldErrorKind::Validation, message)
    }

    /// An error on one field.
    pub fn new(field: impl Into<String>, kind: FieldErrorKind, message: impl Into<String>) -> Self {
        FieldError { fields: vec![field.into()], message: message.into(), kind, path: Vec::new() }
    }

    /// An error on several fields together.
    pub fn on_fields(fields: &[&str], kind: FieldErrorKind, message: impl Into<String>) -> Self {
        FieldError {
            fields: fields.iter().map(|f| f.to_string()).collect(),
            message: message.into(),
            kind,
            path: Vec::new(),
        }
    }

    /// Ash's "is required" on `field` (kind `Required`).
    pub fn required(field: impl Into<String>) -> Self {
        FieldError::new(field, FieldErrorKind::Required, "is required")
    }

    /// The first (usually the only) field.
    pub fn field(&self) -> &str {
        self.fields.first().map(String::as_str).unwrap_or("")
    }

    /// An error at a path inside an embedded value (`tags`, `[2]`): the
    /// value there, not one of its fields, is wrong.
    pub fn at_path(path: Vec<PathStep>, kind: FieldErrorKind, message: impl Into<String>) -> Self {
        FieldError { fields: vec![render_path(&path)], message: message.into(), kind, path }
    }

    /// Where the (first) field is: from the top-level attribute down, so
    /// `[Field("tags"), Index(2), Field("name")]` for `tags[2].name`; a
    /// top-level error's path is its one field.
    pub fn path(&self) -> Vec<PathStep> {
        if self.path.is_empty() { vec![PathStep::Field(self.field().to_string())] } else { self.path.clone() }
    }

    /// The attribute the error is under: the first step of its path.
    pub fn is_under(&self, attribute: &str) -> bool {
        match self.path.first() {
            Some(PathStep::Field(name)) => name == attribute,
            _ => false,
        }
    }

    /// This error, found inside the value at `prefix` (`profile`, or
    /// `tags`, `[2]`): its fields and path start there.
    pub fn nested(mut self, prefix: &[PathStep]) -> Self {
        let mut path = prefix.to_vec();
        path.extend(self.path());
        let shown = render_path(prefix);
        self.fields = self.fields.iter().map(|field| format!("{shown}.{field}")).collect();
        self.path = path;
        self
    }
}

impl std::error::Error for FieldError {}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // An empty name (a JSON key `""`) is shown as such, not as nothing.
        let fields: Vec<&str> = self.fields.iter().map(|f| if f.is_empty() { "\"\"" } else { f.as_str() }).collect();
        write!(f, "{}: {}", fields.join(", "), self.message)
    }
}

impl Error {
    /// An `Invalid` error with a single field error.
    pub fn invalid(error: FieldError) -> Self {
        Error::Invalid(vec![error])
    }

    /// The field errors of an `Invalid` error; empty for the other kinds.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Error::Invalid(errors) => errors,
            _ => &[],
        }
    }

    /// The message of the first error on `field`, if any.
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.field_errors().iter().find(|e| e.fields.iter().any(|f| f == field)).map(|e| e.message.as_str())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(errors) if f.alternate() => {
                f.write_str("Invalid Error\n")?;
                errors.iter().try_for_each(|e| write!(f, "\n* {e}"))
            }
            Error::Invalid(errors) => {
                f.write_str("invalid input: ")?;
                for (i, e) in errors.iter().enumerate() {
                    write!(f, "{}{e}", if i == 0 { "" } else { "; " })?;
                }
                Ok(())
            }
            Error::NotFound { lookup, .. } => f.write_str(&render_not_found(lookup)),
            Error::MultipleResults { resource, action } => {
                write!(f, "expected at most one {resource} from read action `{action}`, but found more")
            }
            Error::NotSelected { resource, field } => {
                write!(f, "{resource}.{field} was not selected: add it to `select(..)`")
            }
            Error::NotLoaded { resource, field, module } => {
                write!(f, "{resource}.{field} was not loaded: add `.load({module}::{field})` to the read")
            }
            Error::NoSuchAction { resource, action, kind } => {
                write!(f, "No such {kind} action `{action}` for resource {resource}")
            }
            Error::NoSuchResource { resource } => write!(f, "resource {resource} is not registered with this domain"),
            Error::NoSuchLoad { resource, name } => {
                write!(f, "{resource} has no calculation, aggregate or relationship `{name}` to load")
            }
            Error::DataLayer(message) => write!(f, "data layer error: {message}"),
            Error::Database { message, .. } => write!(f, "database error: {message}"),
            Error::ValueType { resource, field, message } => write!(f, "{resource}.{field}: {message}"),
            Error::Unavailable { message } => write!(f, "the database is unavailable: {message}"),
            Error::Busy { message } => {
                write!(f, "the database is locked by another connection (busy timeout expired): {message}")
            }
            Error::ReadOnly { message } => write!(f, "the database is read-only: {message}"),
            Error::Panicked { during, message } => write!(f, "{during} panicked: {message}"),
            Error::MissingTable { table } => {
                write!(f, "table `{table}` does not exist; run the migrations (or create the schema) first")
            }
            Error::InvalidExpression { message } => write!(f, "invalid expression: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Database { source, .. } => Some(source.get()),
            _ => None,
        }
    }
}

/// A database driver's own error, kept as the source of
/// [`Error::Database`]. Cloned by reference; two are equal when they render
/// alike (an `Error` compares by what it says).
#[derive(Clone)]
pub struct DriverError(Arc<dyn std::error::Error + Send + Sync + 'static>);

impl DriverError {
    /// Keeps `error`.
    pub fn new(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        DriverError(Arc::new(error))
    }

    /// The driver's error, to downcast to the driver's error type.
    pub fn get(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        &*self.0
    }
}

impl fmt::Debug for DriverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for DriverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl PartialEq for DriverError {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0.to_string() == other.0.to_string()
    }
}

fn render_not_found(lookup: &[(String, Value)]) -> String {
    if lookup.is_empty() {
        return "record not found".to_string();
    }
    let parts: Vec<String> = lookup.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!("record with {} not found", parts.join(", "))
}

#[cfg(test)]
mod tests {

    #[test]
    fn field_errors_are_std_errors() {
        let error: Box<dyn std::error::Error + Send + Sync> = Box::new(FieldError::required("name"));
        assert_eq!(error.to_string(), "name: is required");
    }

    #[test]
    fn an_empty_field_name_is_shown_as_such() {
        let err = Error::invalid(FieldError::new("", FieldErrorKind::NoSuchInput, "no such input"));
        assert_eq!(format!("{err:#}"), "Invalid Error\n\n* \"\": no such input");
        assert_eq!(err.to_string(), "invalid input: \"\": no such input");
    }

    use super::*;

    #[test]
    fn invalid_renders_like_ash() {
        let err = Error::Invalid(vec![
            FieldError::new("name", FieldErrorKind::Taken, "has already been taken"),
            FieldError::required("price"),
        ]);
        assert_eq!(format!("{err:#}"), "Invalid Error\n\n* name: has already been taken\n* price: is required");
    }

    #[test]
    fn invalid_is_one_line_by_default() {
        let err = Error::Invalid(vec![
            FieldError::new("name", FieldErrorKind::Taken, "has already been taken"),
            FieldError::required("price"),
        ]);
        assert_eq!(err.to_string(), "invalid input: name: has already been taken; price: is required");
        assert_eq!(Error::NotFound { resource: "User", lookup: vec![] }.to_string(), "record not found");
    }

    #[test]
    fn a_database_error_keeps_the_drivers_error_as_its_source() {
        let io = std::io::Error::other("disk I/O error");
        let err = Error::Database { message: "sqlite: disk I/O error".into(), source: DriverError::new(io) };
        assert_eq!(err.to_string(), "database error: sqlite: disk I/O error");
        let source = std::error::Error::source(&err).expect("a source");
        assert_eq!(source.downcast_ref::<std::io::Error>().map(|e| e.kind()), Some(std::io::ErrorKind::Other));
        assert_eq!(err.clone(), err);
        assert_eq!(std::error::Error::source(&Error::DataLayer("x".into())).map(|_| ()), None);
    }

    #[test]
    fn multi_field_errors_join_their_fields() {
        let err =
            Error::invalid(FieldError::on_fields(&["title", "slug"], FieldErrorKind::Taken, "has already been taken"));
        assert_eq!(format!("{err:#}"), "Invalid Error\n\n* title, slug: has already been taken");
        assert_eq!(err.to_string(), "invalid input: title, slug: has already been taken");
    }

    #[test]
    fn nested_errors_carry_their_path() {
        let inner = FieldError::required("street").nested(&[PathStep::Field("address".into())]);
        let error = inner.nested(&[PathStep::Field("people".into()), PathStep::Index(2)]);
        assert_eq!(error.to_string(), "people[2].address.street: is required");
        let want = ["people", "2", "address", "street"].map(|s| match s.parse() {
            Ok(index) => PathStep::Index(index),
            Err(_) => PathStep::Field(s.into()),
        });
        assert_eq!(error.path(), want);
        assert!(error.is_under("people") && !error.is_under("street"));
        assert_eq!(FieldError::required("name").path(), [PathStep::Field("name".into())]);
        assert!(!FieldError::required("name").is_under("name"), "a top-level error is on, not under");
        let at = FieldError::at_path(
            vec![PathStep::Field("tags".into()), PathStep::Index(0)],
            FieldErrorKind::InvalidType,
            "x",
        );
        assert_eq!(at.to_string(), "tags[0]: x");
        let pair =
            FieldError::on_fields(&["a", "b"], FieldErrorKind::Taken, "t").nested(&[PathStep::Field("p".into())]);
        assert_eq!(pair.to_string(), "p.a, p.b: t");
    }

    #[test]
    fn not_found_names_the_lookup() {
        let err = Error::NotFound { resource: "User", lookup: vec![("email".into(), Value::String("a@b".into()))] };
        assert_eq!(err.to_string(), "record with email: \"a@b\" not found");
        assert_eq!(Error::NotFound { resource: "User", lookup: vec![] }.to_string(), "record not found");
    }
}
