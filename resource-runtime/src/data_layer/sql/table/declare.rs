//! From resources to tables: each resource's table (a polymorphic
//! resource's tables: the context tables relationships name), described
//! with the shared DDL's rules (`ddl.rs`: columns, foreign keys, identity
//! terms and index names) and the resource's SQL section, and resources
//! sharing a table merged into one.
//!
//! Merging follows AshSqlite: a column is nullable if any resource allows
//! nil, or if a resource with a create action lacks it (its creates leave
//! it empty); differing defaults become no default; differing types, primary
//! keys or same-named indexes, foreign keys or statements are an error
//! naming the table and both resources (AshSqlite asks about primary keys
//! interactively; nothing here asks).

use std::collections::{BTreeMap, BTreeSet};

use super::{ColumnDef, ForeignKeyDef, IndexDef, StatementDef, TableDef};
use crate::data_layer::layer::Target;
use crate::data_layer::sql::ddl;
use crate::data_layer::sql::dialect::Dialect;
use crate::info::error::{Error, Result};
use crate::info::value::Value;
use crate::info::{ActionKind, AttributeInfo, CustomIndex, IndexField, ResourceInfo, Type};

/// The tables of a set of resources (one database's).
#[derive(Debug, Default)]
pub struct Declared {
    /// Table name -> its definition (canonical).
    pub tables: BTreeMap<String, TableDef>,
    /// Table name -> the resources' tables merged into it, in the order read.
    pub targets: BTreeMap<String, Vec<Target<'static>>>,
    /// (table, column) -> where it comes from, for messages.
    origins: BTreeMap<(String, String), Origin>,
}

#[derive(Debug, Default, Clone)]
struct Origin {
    /// The resources declaring the column, in the order they were read.
    resources: Vec<&'static str>,
    /// The attribute has a default no SQL literal writes (a function of
    /// the moment or a random value: `Utc::now`, `Uuid::new_v4`).
    unwritten_default: bool,
}

impl Declared {
    /// "attribute `priority` of Ticket" (or "of Ticket and TicketV2").
    pub fn attribute(&self, table: &str, column: &str) -> String {
        match self.origins.get(&(table.to_string(), column.to_string())) {
            Some(origin) if !origin.resources.is_empty() => {
                format!("attribute `{column}` of {}", origin.resources.join(" and "))
            }
            _ => format!("attribute `{column}`"),
        }
    }

    /// Whether the column's attribute has a default that no SQL literal
    /// writes (computed per record).
    pub fn has_unwritten_default(&self, table: &str, column: &str) -> bool {
        self.origins.get(&(table.to_string(), column.to_string())).is_some_and(|origin| origin.unwritten_default)
    }
}

fn declaration_error(message: String) -> Error {
    Error::DataLayer(message)
}

/// The tables of `resources`, in `dialect`. `all` is every resource known
/// (their relationships name a polymorphic resource's tables). A
/// declaration that no schema can hold (no primary key, an identity on an
/// ignored attribute, two indexes of one name, resources sharing a table
/// that disagree) is an [`Error::DataLayer`] saying what to change.
pub fn declare(
    dialect: &'static dyn Dialect,
    resources: &[&'static ResourceInfo],
    all: &[&'static ResourceInfo],
) -> Result<Declared> {
    let mut ordered: Vec<&'static ResourceInfo> = Vec::new();
    for resource in resources {
        if !ordered.iter().any(|seen| std::ptr::eq(*seen, *resource)) {
            ordered.push(resource);
        }
    }
    ordered.sort_by_key(|resource| resource.name);

    let mut tables: BTreeMap<String, Building> = BTreeMap::new();
    let mut declared = Declared::default();
    for resource in ordered {
        for target in targets(resource, all) {
            let table = target.table_name().to_string();
            let (def, origins) = declare_target(dialect, target)?;
            let member = Member {
                resource: resource.name,
                creates: resource.actions.iter().any(|action| action.kind == ActionKind::Create),
                columns: def.columns.iter().map(|column| column.name.clone()).collect(),
            };
            for (column, unwritten_default) in origins {
                let origin = declared.origins.entry((table.clone(), column)).or_default();
                origin.resources.push(resource.name);
                origin.unwritten_default |= unwritten_default;
            }
            declared.targets.entry(table.clone()).or_default().push(target);
            match tables.get_mut(&table) {
                None => {
                    tables.insert(table, Building { def, members: vec![member] });
                }
                Some(building) => {
                    merge(building, def, resource.name, &declared)?;
                    building.members.push(member);
                }
            }
        }
    }
    for (table, building) in tables {
        let Building { mut def, members } = building;
        for column in &mut def.columns {
            if members.iter().any(|member| member.creates && !member.columns.contains(&column.name)) {
                column.not_null = false;
            }
        }
        def.canonicalise();
        declared.tables.insert(table, def);
    }
    unique_index_names(&declared.tables)?;
    Ok(declared)
}

/// The table of one target alone (canonical): what `create_schema` makes
/// of a resource the domain registers.
pub fn table_def(dialect: &'static dyn Dialect, target: Target<'_>) -> Result<TableDef> {
    let (mut def, _) = declare_target(dialect, target)?;
    def.canonicalise();
    Ok(def)
}

struct Building {
    def: TableDef,
    members: Vec<Member>,
}

struct Member {
    resource: &'static str,
    creates: bool,
    columns: BTreeSet<String>,
}

/// The tables `resource` is stored in: its own, or for a polymorphic
/// resource each context table a relationship to it names (and its own if
/// it names one).
fn targets(resource: &'static ResourceInfo, all: &[&'static ResourceInfo]) -> Vec<Target<'static>> {
    if !resource.sql.polymorphic {
        return vec![Target::from(resource)];
    }
    let mut tables: BTreeSet<&'static str> = BTreeSet::new();
    for other in all {
        for relationship in other.relationships {
            if let Some(table) = relationship.context_table
                && std::ptr::eq(relationship.destination(), resource)
            {
                tables.insert(table);
            }
        }
    }
    // One that names a table of its own is stored there too (the domain
    // registers it).
    let own = resource.sql.table;
    let named = tables.into_iter().filter(|table| Some(*table) != own).map(|table| Target::new(resource, Some(table)));
    own.map(|_| Target::from(resource)).into_iter().chain(named).collect()
}

/// `<table>_<fields>_index`, raw SQL fields reduced to their words
/// (`lower(email)` -> `lower_email`), unless the index has a `name`.
pub fn custom_index_name(target: Target<'_>, index: &CustomIndex) -> String {
    if let Some(name) = index.name {
        return name.to_string();
    }
    let words: Vec<String> = index
        .fields
        .iter()
        .map(|field| match field {
            IndexField::Column(column) => column.to_string(),
            IndexField::Sql(sql) => sql
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .filter(|word| !word.is_empty())
                .collect::<Vec<_>>()
                .join("_")
                .to_lowercase(),
        })
        .collect();
    format!("{}_{}_index", target.table_name(), words.join("_"))
}

/// One target's table (not yet canonical), and per column whether its
/// default could not be written.
fn declare_target(dialect: &'static dyn Dialect, target: Target<'_>) -> Result<(TableDef, Vec<(String, bool)>)> {
    let resource = target.resource;
    let sql = &resource.sql;
    let table = target.table_name();
    let mut def = TableDef::new(table);
    let mut origins = Vec::new();

    for (attribute, column) in resource.attributes.iter().zip(ddl::columns(dialect, resource)) {
        if sql.ignores_attribute(attribute.name) {
            if attribute.primary_key {
                return Err(declaration_error(format!(
                    "{}: the primary key attribute `{}` is in migration_ignore_attributes, but a table needs \
                     its primary key: remove it from the list",
                    resource.name, attribute.name
                )));
            }
            continue;
        }
        let (default, unwritten) = match sql.migration_default(attribute.name) {
            Some(verbatim) => (verbatim_default(verbatim), false),
            None => literal_default(dialect, attribute),
        };
        def.columns.push(ColumnDef {
            name: attribute.name.to_string(),
            sql_type: sql.migration_type(attribute.name).unwrap_or(column.sql_type).to_string(),
            collation: column.collation.map(str::to_string),
            not_null: column.not_null,
            default,
            autoincrement: column.autoincrement,
            removed: false,
        });
        origins.push((attribute.name.to_string(), unwritten));
    }
    def.primary_key = resource.attributes.iter().filter(|a| a.primary_key).map(|a| a.name.to_string()).collect();
    if def.primary_key.is_empty() {
        return Err(declaration_error(format!(
            "{} has no primary key, which its table `{table}` needs: add one (`uuid_primary_key id;`, \
             `integer_primary_key id;` or `primary_key: true` on attributes)",
            resource.name
        )));
    }

    let is_column = |name: &str| def.columns.iter().any(|column| column.name == name);
    let mut reference_indexes = Vec::new();
    for foreign_key in ddl::foreign_keys(target) {
        if sql.ignores_attribute(foreign_key.column) {
            continue;
        }
        if !is_column(foreign_key.column) {
            return Err(declaration_error(format!(
                "{}: relationship `{}` stores its key in `{}`, which is no attribute: declare the attribute \
                 (or set `ignore: true` on the relationship's reference)",
                resource.name, foreign_key.relationship, foreign_key.column
            )));
        }
        if foreign_key.index {
            reference_indexes.push(IndexDef {
                name: foreign_key.index_name(target),
                unique: false,
                terms: vec![dialect.quote_ident(foreign_key.column)],
                where_sql: None,
            });
        }
        def.foreign_keys.push(ForeignKeyDef {
            name: foreign_key.name,
            column: foreign_key.column.to_string(),
            references_table: foreign_key.references_table,
            references_column: foreign_key.references_column.to_string(),
            on_delete: foreign_key.on_delete.into(),
            on_update: foreign_key.on_update.into(),
            deferrable: foreign_key.deferrable.into(),
        });
    }

    let mut indexes = Vec::new();
    for identity in resource.identities {
        if sql.skips_unique_index(identity.name) {
            continue;
        }
        if let Some(key) = identity.keys.iter().find(|key| sql.ignores_attribute(key)) {
            return Err(declaration_error(format!(
                "{}: identity `{}` needs a unique index on `{key}`, which migration_ignore_attributes leaves \
                 out of the table: add the identity to skip_unique_indexes, or stop ignoring `{key}`",
                resource.name, identity.name
            )));
        }
        let terms = ddl::identity_terms(dialect, resource, identity)?;
        let name = ddl::declared_identity_index_name(target, identity);
        indexes.push(IndexDef { name, unique: true, terms, where_sql: sql.base_filter_sql.map(str::to_string) });
    }
    for custom in sql.custom_indexes {
        let terms: Vec<String> = custom
            .fields
            .iter()
            .map(|field| match field {
                IndexField::Column(column) => dialect.quote_ident(column),
                IndexField::Sql(sql) => sql.to_string(),
            })
            .collect();
        if terms.is_empty() {
            return Err(declaration_error(format!("{}: a custom index needs at least one field", resource.name)));
        }
        indexes.push(IndexDef {
            name: custom_index_name(target, custom),
            unique: custom.unique,
            terms,
            where_sql: custom.where_sql.map(str::to_string),
        });
    }
    indexes.extend(reference_indexes);
    for index in indexes {
        if let Some(same) = def.index(&index.name) {
            if *same == index {
                continue;
            }
            return Err(declaration_error(format!(
                "{}: two indexes of table `{table}` are named `{}`: name them apart (identity_index_names, a \
                 custom index's `name`)",
                resource.name, index.name
            )));
        }
        def.indexes.push(index);
    }

    for statement in sql.custom_statements {
        if def.custom_statements.iter().any(|seen| seen.name == statement.name) {
            return Err(declaration_error(format!(
                "{}: two custom statements are named `{}`: a statement's name is how the generator follows it \
                 from one migration to the next, so each needs its own",
                resource.name, statement.name
            )));
        }
        def.custom_statements.push(StatementDef {
            name: statement.name.to_string(),
            up: statement.up.trim().to_string(),
            down: statement.down.trim().to_string(),
        });
    }
    Ok((def, origins))
}

/// Adds `def` (one more resource's view of the table) to `building`.
fn merge(building: &mut Building, def: TableDef, resource: &'static str, declared: &Declared) -> Result<()> {
    let table = def.table.clone();
    let first = building.members.first().map(|member| member.resource).unwrap_or("another resource");
    let merged = &mut building.def;
    if merged.primary_key != def.primary_key {
        return Err(declaration_error(format!(
            "table `{table}`: {first} has the primary key ({}) and {resource} has ({}): resources sharing a \
             table must declare the same primary key",
            merged.primary_key.join(", "),
            def.primary_key.join(", ")
        )));
    }
    for column in def.columns {
        let Some(existing) = merged.columns.iter_mut().find(|existing| existing.name == column.name) else {
            merged.columns.push(column);
            continue;
        };
        let declared_by = declared
            .origins
            .get(&(table.clone(), column.name.clone()))
            .and_then(|origin| origin.resources.first().copied())
            .unwrap_or(first);
        if existing.sql_type != column.sql_type || existing.collation != column.collation {
            return Err(declaration_error(format!(
                "table `{table}`, column `{}`: {declared_by} declares it {} and {resource} declares it {}: \
                 resources sharing a table must agree on each column's type (change one, or give both the same \
                 migration_types entry)",
                column.name,
                type_text(existing),
                type_text(&column)
            )));
        }
        if existing.autoincrement != column.autoincrement {
            return Err(declaration_error(format!(
                "table `{table}`, column `{}`: {declared_by} and {resource} disagree on whether it is generated \
                 (AUTOINCREMENT): declare it the same way in both",
                column.name
            )));
        }
        existing.not_null &= column.not_null;
        if existing.default != column.default {
            existing.default = None;
        }
    }
    for foreign_key in def.foreign_keys {
        match merged.foreign_keys.iter().find(|existing| existing.name == foreign_key.name) {
            Some(existing) if *existing == foreign_key => {}
            Some(_) => {
                return Err(declaration_error(format!(
                    "table `{table}`: {first} and {resource} declare different foreign keys named `{}`: declare \
                     the reference the same way in both, or name them apart",
                    foreign_key.name
                )));
            }
            None => merged.foreign_keys.push(foreign_key),
        }
    }
    for index in def.indexes {
        match merged.index(&index.name) {
            Some(existing) if *existing == index => {}
            Some(_) => {
                return Err(declaration_error(format!(
                    "table `{table}`: {first} and {resource} declare different indexes named `{}`: declare them \
                     the same way in both, or name them apart",
                    index.name
                )));
            }
            None => merged.indexes.push(index),
        }
    }
    for statement in def.custom_statements {
        match merged.custom_statements.iter().find(|existing| existing.name == statement.name) {
            Some(existing) if *existing == statement => {}
            Some(_) => {
                return Err(declaration_error(format!(
                    "table `{table}`: {first} and {resource} declare different custom statements named `{}`: \
                     keep one, or name them apart",
                    statement.name
                )));
            }
            None => merged.custom_statements.push(statement),
        }
    }
    Ok(())
}

fn type_text(column: &ColumnDef) -> String {
    match &column.collation {
        Some(collation) => format!("{} COLLATE {collation}", column.sql_type),
        None => column.sql_type.clone(),
    }
}

/// Index names are global in a SQLite database (and in a PostgreSQL schema).
fn unique_index_names(tables: &BTreeMap<String, TableDef>) -> Result<()> {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (table, def) in tables {
        for index in &def.indexes {
            if let Some(other) = seen.insert(&index.name, table) {
                return Err(declaration_error(format!(
                    "index `{}` is declared on tables `{other}` and `{table}`, but index names are unique in a \
                     database: rename one (identity_index_names, a custom index's `name`)",
                    index.name
                )));
            }
        }
    }
    Ok(())
}

/// A `migration_defaults` entry: verbatim SQL; `nil` or `NULL` (AshSqlite's
/// spelling of no default) is none.
fn verbatim_default(sql: &str) -> Option<String> {
    let sql = sql.trim();
    (!sql.is_empty() && !sql.eq_ignore_ascii_case("nil") && !sql.eq_ignore_ascii_case("null")).then(|| sql.to_string())
}

/// The attribute's default as a SQL literal, when it is a constant the
/// column's storage can hold exactly; and whether it has a default that
/// could not be written (so that a refusal can say why).
///
/// A default is a function; it is taken for a constant when two calls give
/// the same value. Dates and datetimes are never taken for constants (`today`
/// returns the same value twice in a row, but not tomorrow).
fn literal_default(dialect: &dyn Dialect, attribute: &AttributeInfo) -> (Option<String>, bool) {
    let Some(default) = attribute.default else { return (None, false) };
    if matches!(attribute.ty, Type::Date | Type::UtcDatetime) {
        return (None, true);
    }
    let call = || std::panic::catch_unwind(default).ok();
    match (call(), call()) {
        (Some(Value::Nil), Some(Value::Nil)) => (None, false),
        (Some(first), Some(second)) if first == second => match literal(dialect, attribute.ty, &first) {
            Some(sql) => (Some(sql), false),
            None => (None, true),
        },
        _ => (None, true),
    }
}

/// `value` as a literal of a column of type `ty`, stored as the data layer
/// stores it (booleans as the dialect's, decimals as text where the dialect
/// keeps them so, JSON as its text).
fn literal(dialect: &dyn Dialect, ty: Type, value: &Value) -> Option<String> {
    let decimal = |text: String| if dialect.decimals_as_text() { dialect.text_literal(&text) } else { text };
    Some(match (ty, value) {
        (Type::Boolean, Value::Bool(b)) => dialect.boolean_literal(*b).to_string(),
        (Type::Integer, Value::Int(i)) => i.to_string(),
        (Type::Float, Value::Float(f)) if f.is_finite() => format!("{f:?}"),
        (Type::Float, Value::Int(i)) => format!("{i}.0"),
        (Type::Decimal, Value::Decimal(d)) => decimal(d.to_string()),
        (Type::Decimal, Value::Int(i)) => decimal(i.to_string()),
        (Type::String | Type::CiString, Value::String(s) | Value::CiString(s)) => dialect.text_literal(s),
        (Type::Atom(_), Value::Atom(s) | Value::String(s)) => dialect.text_literal(s),
        (Type::Uuid, Value::Uuid(u)) => dialect.text_literal(&u.hyphenated().to_string()),
        (Type::Json, Value::Json(json)) => dialect.text_literal(&json.to_string()),
        _ => return None,
    })
}
