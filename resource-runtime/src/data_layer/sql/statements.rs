//! The SQL text of each operation, in a [`Dialect`]. Values are always
//! placeholders; the text depends only on the dialect, the resource and the
//! shape of the operation, so the connection's statement cache serves
//! repeated operations, and the text itself is built once per process
//! (`cached`).

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, OnceLock, PoisonError, RwLock};

use crate::data_layer::layer::Target;
use crate::data_layer::query::{DataQuery, keyset_filter};
use crate::data_layer::sql::compile::{compile, compile_filter, compile_sort_key};
use crate::data_layer::sql::ddl::identity_terms;
use crate::data_layer::sql::dialect::Dialect;
use crate::expr::tree::SortOrder;
use crate::info::ResourceInfo;
use crate::info::error::{Error, Result};
use crate::info::value::Value;

/// The dialect every function here writes in.
type D = &'static dyn Dialect;

/// The alias of the table in reads; filters are compiled against it.
pub const ALIAS: &str = "t0";

/// What a statement's text depends on besides its resource: the operation,
/// and the attribute indices it names, packed by [`pack`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Shape {
    Insert,
    Upsert(u64, u64),
    Get(u64),
    #[cfg(feature = "postgres")]
    Update(u64),
    UpdateWithoutReturning(u64),
    Delete,
}

/// Up to 8 attribute indices below 255, in order, as one number (index + 1
/// per byte); `None` for more or larger ones, whose text is not cached.
fn pack(cols: &[usize]) -> Option<u64> {
    if cols.len() > 8 {
        return None;
    }
    cols.iter().try_fold(0u64, |packed, &col| (col < 255).then(|| (packed << 8) | (col as u64 + 1)))
}

/// The text of `shape` on `resource`, built by `build` the first time.
///
/// Building a statement's text (quoting every column, joining) cost about as
/// much CPU as executing a small insert, so it is done once per process.
/// The key is the dialect and the address of the resource's `'static`
/// description: the text must depend on nothing else (a polymorphic
/// resource's named tables are not cached).
fn cached<E>(
    d: D,
    target: Target<'_>,
    shape: Option<Shape>,
    build: impl FnOnce() -> std::result::Result<String, E>,
) -> std::result::Result<Arc<str>, E> {
    type Texts = RwLock<HashMap<(usize, usize, Shape), Arc<str>>>;
    static TEXTS: OnceLock<Texts> = OnceLock::new();
    // A polymorphic resource's named table is not cached: rarer, and not 'static.
    let (Some(shape), None) = (shape, target.table) else { return build().map(Arc::from) };
    let texts = TEXTS.get_or_init(Default::default);
    // The dialect by address (a `static`), the resource by its description's.
    let dialect = std::ptr::from_ref(d).cast::<()>() as usize;
    let key = (dialect, std::ptr::from_ref(target.resource) as usize, shape);
    if let Some(text) = texts.read().unwrap_or_else(PoisonError::into_inner).get(&key) {
        return Ok(text.clone());
    }
    let text: Arc<str> = build()?.into();
    Ok(texts.write().unwrap_or_else(PoisonError::into_inner).entry(key).or_insert(text).clone())
}

/// [`cached`] for texts that always build.
fn cached_ok(d: D, target: Target<'_>, shape: Option<Shape>, build: impl FnOnce() -> String) -> Arc<str> {
    let Ok(text) = cached::<Infallible>(d, target, shape, || Ok(build()));
    text
}

/// `"a", "b", "c"`: every attribute, in order (what rows are decoded from).
fn column_list(d: D, resource: &ResourceInfo) -> String {
    let columns: Vec<String> = resource.attributes.iter().map(|a| d.quote_ident(a.name)).collect();
    columns.join(", ")
}

/// `"a", "c"`: the selected attributes, in the order given (what the rows
/// of a read with `select` are decoded from).
fn selected_columns(d: D, resource: &ResourceInfo, cols: &[usize]) -> Result<String> {
    let columns = cols.iter().map(|&col| match resource.attributes.get(col) {
        Some(attribute) => Ok(d.quote_ident(attribute.name)),
        None => Err(Error::DataLayer(format!("{} has no attribute at index {col}", resource.name))),
    });
    Ok(columns.collect::<Result<Vec<_>>>()?.join(", "))
}

/// The placeholder of parameter `index` (1-based).
fn placeholder(d: D, index: usize) -> String {
    let mut sql = String::new();
    d.placeholder(index, &mut sql);
    sql
}

/// `?, ?, ?`: `count` placeholders, the first numbered `first`.
fn placeholders(d: D, first: usize, count: usize) -> String {
    let all: Vec<String> = (first..first + count).map(|i| placeholder(d, i)).collect();
    all.join(", ")
}

/// `"k1" = ? AND "k2" = ?`, the first placeholder numbered `first`.
fn key_match(d: D, resource: &ResourceInfo, keys: &[usize], first: usize) -> String {
    let terms: Vec<String> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| {
            let attribute = &resource.attributes[k];
            let (column, value) = (d.quote_ident(attribute.name), placeholder(d, first + i));
            // A ci key as its unique index has it (PostgreSQL folds both sides).
            match d.ci_fold().filter(|_| attribute.ty == crate::info::Type::CiString) {
                Some(fold) => format!("{fold}({column}) = {fold}({value})"),
                None => format!("{column} = {value}"),
            }
        })
        .collect();
    terms.join(" AND ")
}

fn pk_match(d: D, resource: &ResourceInfo, first: usize) -> String {
    let keys: Vec<usize> = resource.primary_key().collect();
    key_match(d, resource, &keys, first)
}

/// `INSERT INTO "t" (..) VALUES (?, ..)`: no `RETURNING`, which costs
/// SQLite a temporary table per insert; the layer rebuilds the stored row
/// from what it bound (`Sqlite::create`).
pub fn insert(d: D, target: Target<'_>) -> Arc<str> {
    cached_ok(d, target, Some(Shape::Insert), || insert_head(d, target))
}

/// `INSERT .. ON CONFLICT (keys) DO UPDATE SET "f" = excluded."f", .. RETURNING ..`.
/// With nothing to update, `SET "k" = "k"` (the existing value: unlike Ash's
/// `= excluded.k`, a ci-string key keeps its stored case) so that the
/// conflicting row is still returned.
pub fn upsert(d: D, target: Target<'_>, conflict_keys: &[usize], update_fields: &[usize]) -> Result<Arc<str>> {
    let Some(&first_key) = conflict_keys.first() else {
        return Err(Error::DataLayer(format!("upsert into {} needs conflict keys", target.resource.name)));
    };
    let shape = pack(conflict_keys).zip(pack(update_fields)).map(|(keys, fields)| Shape::Upsert(keys, fields));
    cached(d, target, shape, || upsert_text(d, target, conflict_keys, first_key, update_fields))
}

fn upsert_text(
    d: D,
    target: Target<'_>,
    conflict_keys: &[usize],
    first_key: usize,
    update_fields: &[usize],
) -> Result<String> {
    let resource = target.resource;
    let conflict = conflict_target(d, resource, conflict_keys)?;
    let sets: Vec<String> = if update_fields.is_empty() {
        let key = d.quote_ident(resource.attributes[first_key].name);
        // Qualified: PostgreSQL's `SET` would not know the table's from `excluded`'s.
        vec![format!("{key} = {}.{key}", d.quote_ident(target.table_name()))]
    } else {
        update_fields
            .iter()
            .map(|&f| {
                let column = d.quote_ident(resource.attributes[f].name);
                format!("{column} = {}", d.excluded(&column))
            })
            .collect()
    };
    let (head, sets, columns) = (insert_head(d, target), sets.join(", "), column_list(d, resource));
    Ok(format!("{head} ON CONFLICT {conflict} DO UPDATE SET {sets} RETURNING {columns}"))
}

fn insert_head(d: D, target: Target<'_>) -> String {
    let resource = target.resource;
    let table = d.quote_ident(target.table_name());
    let values = placeholders(d, 1, resource.attributes.len());
    format!("INSERT INTO {table} ({}) VALUES ({values})", column_list(d, resource))
}

/// `(terms)`: the terms of the unique index on exactly `keys`: an identity's (which may
/// be `IFNULL(..)` expressions), else the plain columns (the primary key).
/// An identity's index is partial under `base_filter_sql`, and an upsert
/// must then restate its condition (`ON CONFLICT (..) WHERE ..`) to use it.
fn conflict_target(d: D, resource: &'static ResourceInfo, keys: &[usize]) -> Result<String> {
    let names: Vec<&str> = keys.iter().map(|&k| resource.attributes[k].name).collect();
    let same = |other: &[&str]| other.len() == names.len() && other.iter().all(|k| names.contains(k));
    Ok(match resource.identities.iter().find(|identity| same(identity.keys)) {
        Some(identity) => {
            let terms = identity_terms(d, resource, identity)?.join(", ");
            match resource.sql.base_filter_sql {
                // Verbatim, as the index has it: SQLite matches the conditions.
                Some(condition) if !resource.sql.skips_unique_index(identity.name) => {
                    format!("({terms}) WHERE {condition}")
                }
                _ => format!("({terms})"),
            }
        }
        None => format!("({})", names.iter().map(|n| d.quote_ident(n)).collect::<Vec<_>>().join(", ")),
    })
}

/// `SELECT .. FROM "t" AS t0 [WHERE ..] [ORDER BY ..] [LIMIT ? OFFSET ?]` and its parameters.
pub fn select(d: D, target: Target<'_>, query: &DataQuery) -> Result<(String, Vec<Value>)> {
    let resource = target.resource;
    let table = d.quote_ident(target.table_name());
    let mut params = Vec::new();
    // Loaded calculations and aggregates, after the columns.
    let computed = computed_columns(d, resource, query, &mut params)?;
    let columns = match &query.select {
        Some(cols) => selected_columns(d, resource, cols)?,
        None => column_list(d, resource),
    };
    let mut sql = format!("SELECT {columns}{computed} FROM {table} AS {ALIAS}");
    sql.push_str(&where_clause(d, resource, query, &mut params)?);
    if !query.sort.is_empty() {
        let keys = query
            .sort
            .iter()
            .map(|(name, order)| sort_key(d, resource, name, *order, &mut params))
            .collect::<Result<Vec<_>>>()?;
        sql.push_str(" ORDER BY ");
        sql.push_str(&keys.join(", "));
    }
    let limit = query.limit.map(|l| i64::try_from(l).unwrap_or(i64::MAX));
    if limit.is_some() || query.offset > 0 {
        let (limit_at, offset_at) = (placeholder(d, params.len() + 1), placeholder(d, params.len() + 2));
        sql.push_str(&format!(" LIMIT {limit_at} OFFSET {offset_at}"));
        params.push(Value::Int(limit.unwrap_or(d.no_limit())));
        params.push(Value::Int(i64::try_from(query.offset).unwrap_or(i64::MAX)));
    }
    Ok((sql, params))
}

/// `SELECT COUNT(*) FROM "t" AS t0 [WHERE ..]`: the rows `query`'s filter
/// (and keyset) keeps; its sort, limit and offset do not matter.
pub fn count(d: D, target: Target<'_>, query: &DataQuery) -> Result<(String, Vec<Value>)> {
    let resource = target.resource;
    let mut params = Vec::new();
    let mut sql = format!("SELECT COUNT(*) FROM {} AS {ALIAS}", d.quote_ident(target.table_name()));
    sql.push_str(&where_clause(d, resource, query, &mut params)?);
    Ok((sql, params))
}

/// ` WHERE <filter> AND <keyset>`, or nothing.
fn where_clause(d: D, resource: &'static ResourceInfo, query: &DataQuery, params: &mut Vec<Value>) -> Result<String> {
    let mut conditions = Vec::new();
    if let Some(filter) = &query.filter {
        let fragment = compile_filter(d, filter, resource, ALIAS, params.len() + 1)?;
        conditions.push(fragment.sql);
        params.extend(fragment.params);
    }
    if let Some(after) = &query.after {
        conditions.push(keyset_condition(d, resource, query, after, params)?);
    }
    if conditions.is_empty() {
        return Ok(String::new());
    }
    Ok(format!(" WHERE {}", conditions.join(" AND ")))
}

/// The rows after `after` in the query's sort order. When every key is a
/// column that holds no NULL and all go one way, a row-value comparison,
/// `(t0."a", t0."id") > (?, ?)` (`<` when descending), which SQLite can
/// serve from an index; otherwise (mixed directions, nullable columns)
/// the OR chain of [`DataQuery::keyset_filter`], compiled.
fn keyset_condition(
    d: D,
    resource: &'static ResourceInfo,
    query: &DataQuery,
    after: &[Value],
    params: &mut Vec<Value>,
) -> Result<String> {
    if after.len() != query.sort.len() {
        let (keys, values) = (query.sort.len(), after.len());
        return Err(Error::DataLayer(format!("a keyset of {values} values for a sort of {keys} keys")));
    }
    let not_null = |name: &str| resource.attribute(name).is_some_and(|a| !a.allow_nil);
    let one_way = query.sort.iter().all(|(_, order)| order.is_desc() == query.sort[0].1.is_desc());
    let folded = |name: &str| {
        d.ci_fold().is_some() && resource.attribute(name).is_some_and(|a| a.ty == crate::info::Type::CiString)
    };
    let row_value = !query.sort.is_empty()
        && one_way
        && !query.sort.iter().any(|(name, _)| folded(name))
        && query.sort.iter().all(|(name, _)| not_null(name))
        && after.iter().all(|value| !value.is_nil());
    if row_value {
        let columns: Vec<String> =
            query.sort.iter().map(|(name, _)| format!("{ALIAS}.{}", d.quote_ident(name))).collect();
        let op = if query.sort[0].1.is_desc() { "<" } else { ">" };
        let values = placeholders(d, params.len() + 1, after.len());
        params.extend(after.iter().cloned());
        return Ok(format!("({}) {op} ({values})", columns.join(", ")));
    }
    let keyset = keyset_filter(resource, &query.sort, after);
    let fragment = compile_filter(d, &keyset, resource, ALIAS, params.len() + 1)?;
    params.extend(fragment.params);
    Ok(fragment.sql)
}

/// `t0."name" ASC NULLS LAST`: Ash's nil placement, spelled natively. A
/// calculation or aggregate sorts by its expression.
fn sort_key(
    d: D,
    resource: &'static ResourceInfo,
    name: &str,
    order: SortOrder,
    params: &mut Vec<Value>,
) -> Result<String> {
    let key = match resource.attribute(name) {
        Some(attribute) => match d.ci_fold().filter(|_| attribute.ty == crate::info::Type::CiString) {
            Some(fold) => format!("{fold}({ALIAS}.{})", d.quote_ident(name)),
            None => format!("{ALIAS}.{}", d.quote_ident(name)),
        },
        None => sort_expression(d, resource, name, params)?,
    };
    let direction = if order.is_desc() { "DESC" } else { "ASC" };
    let nulls = if order.nils_first() { "FIRST" } else { "LAST" };
    Ok(format!("{key} {direction} NULLS {nulls}"))
}

/// `SELECT .. FROM "t" WHERE "k1" = ? AND ..`: no `LIMIT`, the keys are unique.
pub fn get(d: D, target: Target<'_>, keys: &[usize]) -> Arc<str> {
    let resource = target.resource;
    cached_ok(d, target, pack(keys).map(Shape::Get), || {
        let table = d.quote_ident(target.table_name());
        format!("SELECT {} FROM {table} WHERE {}", column_list(d, resource), key_match(d, resource, keys, 1))
    })
}

/// `UPDATE "t" SET "a" = ?, .. WHERE <pk> RETURNING ..`.
#[cfg(feature = "postgres")]
pub fn update(d: D, target: Target<'_>, cols: &[usize]) -> Arc<str> {
    cached_ok(d, target, pack(cols).map(Shape::Update), || {
        format!("{} RETURNING {}", update_head(d, target, cols), column_list(d, target.resource))
    })
}

/// `UPDATE "t" SET "a" = ?, .. WHERE <pk>`: SQLite's `RETURNING` fills a
/// temporary table per statement, which cost more than reading the row
/// back by its key (`Sqlite::update_row`).
pub fn update_without_returning(d: D, target: Target<'_>, cols: &[usize]) -> Arc<str> {
    cached_ok(d, target, pack(cols).map(Shape::UpdateWithoutReturning), || update_head(d, target, cols))
}

fn update_head(d: D, target: Target<'_>, cols: &[usize]) -> String {
    let resource = target.resource;
    let table = d.quote_ident(target.table_name());
    let sets: Vec<String> = cols
        .iter()
        .enumerate()
        .map(|(i, &c)| format!("{} = {}", d.quote_ident(resource.attributes[c].name), placeholder(d, i + 1)))
        .collect();
    let pk = pk_match(d, resource, cols.len() + 1);
    format!("UPDATE {table} SET {} WHERE {pk}", sets.join(", "))
}

/// `DELETE FROM "t" WHERE <pk>`.
pub fn delete(d: D, target: Target<'_>) -> Arc<str> {
    let resource = target.resource;
    cached_ok(d, target, Some(Shape::Delete), || {
        format!("DELETE FROM {} WHERE {}", d.quote_ident(target.table_name()), pk_match(d, resource, 1))
    })
}

/// `, (expr1), (expr2)`: the computed values of `query` (loaded
/// calculations and aggregates, selected after the columns), their
/// parameters added to `params`.
fn computed_columns(
    d: D,
    resource: &'static ResourceInfo,
    query: &DataQuery,
    params: &mut Vec<Value>,
) -> Result<String> {
    let mut sql = String::new();
    for expr in &query.computed {
        let fragment = compile(d, expr, resource, ALIAS, params.len() + 1)?;
        sql.push_str(", (");
        sql.push_str(&fragment.sql);
        sql.push(')');
        params.extend(fragment.params);
    }
    Ok(sql)
}

/// The SQL of a sort key that is a calculation or an aggregate, its parameters added to `params`.
fn sort_expression(d: D, resource: &'static ResourceInfo, name: &str, params: &mut Vec<Value>) -> Result<String> {
    let embedded = crate::expr::embedded::embedded_path(resource, name).is_some();
    if resource.calculation(name).is_none() && resource.aggregate(name).is_none() && !embedded {
        return Err(Error::DataLayer(format!("cannot sort {} by unknown attribute {name}", resource.name)));
    }
    let fragment = compile_sort_key(d, name, resource, ALIAS, params.len() + 1)?;
    params.extend(fragment.params);
    Ok(fragment.sql)
}

#[cfg(test)]
mod tests {
    use super::pack;

    #[test]
    fn packed_indices_keep_their_order_and_stop_at_what_fits() {
        assert_eq!(pack(&[]), Some(0));
        assert_ne!(pack(&[0, 1]), pack(&[1, 0]));
        assert_ne!(pack(&[0]), pack(&[0, 0]));
        assert_eq!(pack(&[254]), Some(255));
        assert_eq!(pack(&[255]), None);
        assert_eq!(pack(&[0; 9]), None);
    }
}
