//! Foreign keys: which `belongs_to` relationships are references (THE rule,
//! [`foreign_keys`]), who references a table ([`incoming`]), what a
//! violation says, and the read-only checks both kinds of layer share.
//!
//! One rule for every layer: a SQL database declares each key as a
//! `REFERENCES` constraint (`sql/ddl.rs`) and maps its violations back to
//! field errors with these checks (SQLite's message names no constraint); a
//! layer without native foreign keys (`Capabilities::native_foreign_keys`)
//! gets the same checks and `on_delete`/`on_update` actions from the write
//! path (`write/foreign_key.rs`). `docs/foreign-keys.md` has the semantics.
//!
//! Violations, as AshSqlite's and AshPostgres's Ecto constraints report them:
//!
//! | what | error |
//! |---|---|
//! | a key referencing no record (create, update, upsert) | `author_id: does not exist`, on the source attribute |
//! | a destroy or key change leaving referencing records (`nothing`, `restrict`) | `id: would leave records behind`, on the referenced attribute |
//! | a deferred (`deferrable: initially`) key dangling at commit | `author_id: does not exist`, on the dangling key |
//!
//! A `foreign_key_names` entry of the resource whose record failed, naming
//! the constraint, replaces the field (its `key`) and the message.

use crate::data_layer::layer::{DataLayer, Target};
use crate::data_layer::query::DataQuery;
use crate::expr::tree::{BinaryOp, Expr};
use crate::info::error::{FieldError, Result};
use crate::info::value::{Row, Value};
use crate::info::{DataLayerKind, Deferrable, ReferenceAction, RelationshipKind, ResourceInfo};

/// The message of a key that references no record (Ecto's `foreign_key_constraint` default).
pub const DOES_NOT_EXIST: &str = "does not exist";

/// The message of a destroy or key update that referencing records forbid
/// (AshPostgres's and AshSqlite's `add_related_foreign_key_constraints`).
pub const LEAVES_RECORDS_BEHIND: &str = "would leave records behind";

/// A `belongs_to` as a foreign key constraint (AshSqlite's reference).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKey {
    /// The constraint's name: the reference's `name`, else `<table>_<column>_fkey`.
    pub name: String,
    /// The `belongs_to` relationship it comes from.
    pub relationship: &'static str,
    /// The referencing column (the relationship's source attribute).
    pub column: &'static str,
    /// The referenced table.
    pub references_table: String,
    /// The referenced column (the relationship's destination attribute).
    pub references_column: &'static str,
    /// `ON DELETE`.
    pub on_delete: ReferenceAction,
    /// `ON UPDATE`.
    pub on_update: ReferenceAction,
    /// `DEFERRABLE ..`.
    pub deferrable: Deferrable,
    /// `index?`: the column gets an index of its own.
    pub index: bool,
}

impl ForeignKey {
    /// The referenced resource: the destination of the relationship of `source` the key comes from.
    pub fn destination(&self, source: &ResourceInfo) -> Option<&'static ResourceInfo> {
        source.relationship(self.relationship).map(|relationship| relationship.destination())
    }

    /// Whether violations wait for the commit (`DEFERRABLE INITIALLY
    /// DEFERRED`). `deferrable: true` (`INITIALLY IMMEDIATE`) is checked per
    /// statement, as SQLite checks it (`PRAGMA defer_foreign_keys` is never set).
    pub fn is_deferred(&self) -> bool {
        self.deferrable == Deferrable::Initially
    }

    /// The index `index: true` asks for: `<table>_<column>_index` (Ecto's
    /// name for `create index(:posts, [:author_id])`, which AshPostgres writes).
    pub fn index_name(&self, target: Target<'_>) -> String {
        format!("{}_{}_index", target.table_name(), self.column)
    }

    /// What a `DELETE` (`deleting`) or a change of the referenced value does
    /// to the referencing rows.
    pub fn action(&self, deleting: bool) -> ReferenceAction {
        if deleting { self.on_delete } else { self.on_update }
    }
}

/// The foreign keys of a resource's table, in relationship order: one per
/// `belongs_to` whose destination is stored beside it (same declared data
/// layer and repo, not polymorphic, not embedded) on a unique column (its
/// single primary key, or the single key of an identity), unless its
/// reference says `ignore`. The rule reads only the descriptions, so
/// `create_schema`, the migration generator and the in-memory check agree.
pub fn foreign_keys(target: Target<'_>) -> Vec<ForeignKey> {
    let resource = target.resource;
    resource
        .relationships
        .iter()
        .filter(|relationship| relationship.kind == RelationshipKind::BelongsTo)
        .filter_map(|relationship| {
            let reference = resource.sql.reference(relationship.name);
            if reference.is_some_and(|reference| reference.ignore) {
                return None;
            }
            let destination = (relationship.destination)();
            if !stored_beside(resource, destination)
                || resource.attribute(relationship.source_attribute).is_none()
                || !is_unique_column(destination, relationship.destination_attribute)
            {
                return None;
            }
            let references_table = relationship.context_table.unwrap_or(destination.table_name()).to_string();
            let name = match reference.and_then(|reference| reference.name) {
                Some(name) => name.to_string(),
                None => format!("{}_{}_fkey", target.table_name(), relationship.source_attribute),
            };
            Some(ForeignKey {
                name,
                relationship: relationship.name,
                column: relationship.source_attribute,
                references_table,
                references_column: relationship.destination_attribute,
                on_delete: reference.and_then(|r| r.on_delete).unwrap_or(ReferenceAction::Nothing),
                on_update: reference.and_then(|r| r.on_update).unwrap_or(ReferenceAction::Nothing),
                deferrable: reference.map(|r| r.deferrable).unwrap_or_default(),
                index: reference.is_some_and(|r| r.index),
            })
        })
        .collect()
}

/// Whether `resource` has a `belongs_to` that [`foreign_keys`] may keep
/// (cheap: no allocation), so callers can skip the rest.
pub fn may_reference(resource: &ResourceInfo) -> bool {
    resource.relationships.iter().any(|relationship| relationship.kind == RelationshipKind::BelongsTo)
}

/// Same declared data layer and repo, and the destination has one table.
fn stored_beside(source: &ResourceInfo, destination: &ResourceInfo) -> bool {
    let repo = |info: &ResourceInfo| info.sql.repo.map(|repo| repo().id);
    source.data_layer == destination.data_layer
        && source.data_layer != DataLayerKind::Embedded
        && repo(source) == repo(destination)
        && !destination.sql.polymorphic
}

/// A foreign key must reference a unique column, or SQLite refuses every
/// write to the table ("foreign key mismatch").
fn is_unique_column(resource: &ResourceInfo, column: &str) -> bool {
    let pk: Vec<&str> = resource.attributes.iter().filter(|a| a.primary_key).map(|a| a.name).collect();
    pk == [column] || resource.identities.iter().any(|identity| identity.keys == [column])
}

/// A foreign key seen from the table it references: the referencing
/// resource (and a polymorphic one's table) and its key.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// The referencing resource.
    pub source: &'static ResourceInfo,
    /// The referencing table, when it is not the source's own (a polymorphic source's).
    pub table: Option<String>,
    /// The key, as [`foreign_keys`] gives it for that table.
    pub key: ForeignKey,
}

impl Incoming {
    /// The referencing table.
    pub fn target(&self) -> Target<'_> {
        Target::new(self.source, self.table.as_deref())
    }

    /// The position of the referencing column in the source's rows.
    pub fn column(&self) -> Option<usize> {
        self.source.attribute_index(self.key.column)
    }
}

/// The keys of the tables `sources` that reference `destination`'s table,
/// in the order given, each table's in relationship order.
pub fn incoming<'a>(sources: impl IntoIterator<Item = Target<'a>>, destination: Target<'_>) -> Vec<Incoming> {
    if destination.table.is_some() || destination.resource.sql.polymorphic {
        // A polymorphic destination is never referenced (`foreign_keys`).
        return Vec::new();
    }
    let mut found = Vec::new();
    for source in sources {
        for key in foreign_keys(source) {
            let same = key.destination(source.resource).is_some_and(|d| std::ptr::eq(d, destination.resource));
            if same && key.references_table == destination.table_name() {
                found.push(Incoming { source: source.resource, table: source.table.map(str::to_string), key });
            }
        }
    }
    found
}

/// The `foreign_key_names` entry of `resource` naming the constraint `key`.
fn named<'r>(resource: &'r ResourceInfo, key: &ForeignKey) -> Option<&'r crate::info::ForeignKeyName> {
    resource.sql.foreign_key_names.iter().find(|entry| entry.name == key.name)
}

/// `author_id: does not exist`: the key of `resource` references no record.
pub fn does_not_exist(resource: &ResourceInfo, key: &ForeignKey) -> FieldError {
    match named(resource, key) {
        Some(entry) => FieldError::invalid(entry.key, entry.message.unwrap_or(DOES_NOT_EXIST)),
        None => FieldError::invalid(key.column, DOES_NOT_EXIST),
    }
}

/// `id: would leave records behind`: destroying (or re-keying) a record of
/// `resource` would leave rows referencing it through `key`; reported on
/// `field`, the referenced attribute of `resource`.
pub fn leaves_records_behind(resource: &ResourceInfo, field: &str, key: &ForeignKey) -> FieldError {
    match named(resource, key) {
        Some(entry) => FieldError::invalid(entry.key, entry.message.unwrap_or(LEAVES_RECORDS_BEHIND)),
        None => FieldError::invalid(field, LEAVES_RECORDS_BEHIND),
    }
}

/// One error per field and message, in order.
pub fn dedup(errors: &mut Vec<FieldError>) {
    let mut seen: Vec<FieldError> = Vec::with_capacity(errors.len());
    errors.retain(|error| {
        let fresh = !seen.contains(error);
        if fresh {
            seen.push(error.clone());
        }
        fresh
    });
}

/// Whether a record of the destination of `key` (a key of `source`) has `value` in the referenced column.
pub fn is_referenced(layer: &dyn DataLayer, source: &ResourceInfo, key: &ForeignKey, value: &Value) -> Result<bool> {
    let Some(destination) = key.destination(source) else { return Ok(true) };
    let Some(column) = destination.attribute_index(key.references_column) else { return Ok(true) };
    let target = Target::new(destination, Some(&key.references_table));
    Ok(layer.get(target, &[column], std::slice::from_ref(value))?.is_some())
}

/// The error of each key among `keys` (of `target`) whose column is
/// `written` and whose value in `row` references no record.
pub fn missing(
    layer: &dyn DataLayer,
    target: Target<'_>,
    keys: &[ForeignKey],
    row: &[Value],
    written: impl Fn(usize) -> bool,
) -> Result<Vec<FieldError>> {
    let resource = target.resource;
    let mut errors = Vec::new();
    for key in keys {
        let Some(column) = resource.attribute_index(key.column) else { continue };
        let Some(value) = row.get(column).filter(|value| !value.is_nil()) else { continue };
        if written(column) && !is_referenced(layer, resource, key, value)? {
            errors.push(does_not_exist(resource, key));
        }
    }
    dedup(&mut errors);
    Ok(errors)
}

/// The rows of `incoming`'s table whose key equals `value` (at most `limit`).
pub fn referencing(
    layer: &dyn DataLayer,
    incoming: &Incoming,
    value: &Value,
    limit: Option<usize>,
) -> Result<Vec<Row>> {
    let filter = Expr::binary(BinaryOp::Eq, Expr::field(incoming.key.column), Expr::Value(value.clone()));
    let query = DataQuery { filter: Some(filter), limit, ..DataQuery::default() };
    layer.read(incoming.target(), &query)
}

/// Whether any row of `incoming`'s table has `value` as its key.
pub fn is_referencing(layer: &dyn DataLayer, incoming: &Incoming, value: &Value) -> Result<bool> {
    Ok(!referencing(layer, incoming, value, Some(1))?.is_empty())
}

/// Who references the tables a walk reaches.
pub type IncomingOf<'a> = dyn Fn(Target<'_>) -> Vec<Incoming> + 'a;

/// What a record of the resource whose action runs is doing to the rows
/// that reference it.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    /// The resource of the action (whose `foreign_key_names` apply).
    pub resource: &'static ResourceInfo,
    /// Its referenced attribute through which the walk came (the field of
    /// a "would leave records behind"); `None` at the record itself.
    pub field: Option<&'a str>,
}

/// Why destroying `row` of `target` (still stored) breaks a reference, as
/// the layer holds the data now: the first reference whose rows would stay
/// (`nothing`, `restrict`), following cascades, or `None`. A deferred
/// `nothing` key is reported as its dangling rows are at commit (`author_id:
/// does not exist`). For the SQL layers, whose database said only that some
/// key failed.
pub fn destroy_blocker(
    layer: &dyn DataLayer,
    incoming_of: &IncomingOf<'_>,
    target: Target<'_>,
    row: &[Value],
) -> Result<Option<FieldError>> {
    let origin = Origin { resource: target.resource, field: None };
    blocker(layer, incoming_of, target, row, None, origin, &mut Vec::new())
}

/// Why changing `old` into `new` (a row of `target`, columns `written`)
/// breaks a reference to one of its referenced columns, or `None`.
pub fn update_blocker(
    layer: &dyn DataLayer,
    incoming_of: &IncomingOf<'_>,
    target: Target<'_>,
    old: &[Value],
    new: &[Value],
) -> Result<Option<FieldError>> {
    let origin = Origin { resource: target.resource, field: None };
    blocker(layer, incoming_of, target, old, Some(new), origin, &mut Vec::new())
}

/// `destroy_blocker` (`new` is `None`) or `update_blocker`; `seen` holds
/// the rows visited (cascades through cyclic data end).
fn blocker(
    layer: &dyn DataLayer,
    incoming_of: &IncomingOf<'_>,
    target: Target<'_>,
    old: &[Value],
    new: Option<&[Value]>,
    origin: Origin<'_>,
    seen: &mut Vec<(String, Row)>,
) -> Result<Option<FieldError>> {
    let visit = (target.table_name().to_string(), old.to_vec());
    if seen.contains(&visit) {
        return Ok(None);
    }
    seen.push(visit);
    for incoming in incoming_of(target) {
        let Some(referenced) = target.resource.attribute_index(incoming.key.references_column) else { continue };
        let Some(value) = old.get(referenced).filter(|value| !value.is_nil()) else { continue };
        let changed_to = match new {
            None => None,
            Some(new) => match new.get(referenced) {
                Some(next) if next == value => continue,
                next => Some(next.cloned().unwrap_or(Value::Nil)),
            },
        };
        let field = origin.field.unwrap_or(incoming.key.references_column);
        let deleting = new.is_none();
        match incoming.key.action(deleting) {
            ReferenceAction::Nothing | ReferenceAction::Restrict => {
                if is_referencing(layer, &incoming, value)? {
                    let deferred =
                        incoming.key.is_deferred() && incoming.key.action(deleting) == ReferenceAction::Nothing;
                    return Ok(Some(if deferred {
                        does_not_exist(incoming.source, &incoming.key)
                    } else {
                        leaves_records_behind(origin.resource, field, &incoming.key)
                    }));
                }
            }
            ReferenceAction::Cascade | ReferenceAction::Nilify => {
                let cascade = incoming.key.action(deleting) == ReferenceAction::Cascade;
                let Some(column) = incoming.column() else { continue };
                let origin = Origin { resource: origin.resource, field: Some(field) };
                for child in referencing(layer, &incoming, value, None)? {
                    // A deleted child's own references, or a re-keyed one's.
                    let changed = if deleting && cascade {
                        None
                    } else {
                        let mut next = child.clone();
                        next[column] = if cascade { changed_to.clone().unwrap_or(Value::Nil) } else { Value::Nil };
                        Some(next)
                    };
                    let found =
                        blocker(layer, incoming_of, incoming.target(), &child, changed.as_deref(), origin, seen)?;
                    if found.is_some() {
                        return Ok(found);
                    }
                }
            }
        }
    }
    Ok(None)
}
