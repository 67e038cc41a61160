//! Reads of pages and selects on SQLite and ETS, without macros.
//!
//! Keysets (`DataQuery::after`) against the order itself: for every sort of
//! two keys (each in all four orders, one with nils and duplicates) and
//! every row as the cursor, both layers return exactly the rows after it.
//! And the SQL: a row-value comparison where it is exact, the OR chain
//! elsewhere. Selects (`DataQuery::select`): only those columns.

use super::SQLITE;
use super::*;
use crate::data_layer::Target;
use crate::data_layer::ets::Ets;
use crate::data_layer::sql::statements;
use crate::expr::tree::SortOrder;
use crate::info::{AttributeInfo, DataLayerKind, SqlInfo, Type};

const fn attr(name: &'static str, ty: Type, allow_nil: bool, primary_key: bool) -> AttributeInfo {
    AttributeInfo { allow_nil, primary_key, ..AttributeInfo::new(name, ty) }
}

static ATTRS: [AttributeInfo; 3] = [
    attr("id", Type::Integer, false, true),
    attr("name", Type::String, false, false),
    attr("rank", Type::Integer, true, false),
];

static ITEM: ResourceInfo = ResourceInfo {
    name: "Item",
    short_name: "item",
    description: None,
    data_layer: DataLayerKind::Sqlite,
    attributes: &ATTRS,
    identities: &[],
    actions: &[],
    validations: &[],
    calculations: &[],
    relationships: &[],
    aggregates: &[],
    sql: SqlInfo { table: Some("items"), ..SqlInfo::DEFAULT },
};

const ORDERS: [SortOrder; 4] = [SortOrder::Asc, SortOrder::Desc, SortOrder::AscNilsFirst, SortOrder::DescNilsLast];

fn layers() -> Vec<Box<dyn DataLayer>> {
    let layers: Vec<Box<dyn DataLayer>> = vec![Box::new(Sqlite::memory().unwrap()), Box::new(Ets::new())];
    for layer in &layers {
        layer.register(Target::from(&ITEM)).unwrap();
        for id in 1..=12i64 {
            let rank = if id % 4 == 0 { Value::Nil } else { Value::Int(id % 3) };
            let name = Value::String(["b", "a", "c"][(id % 3) as usize].into());
            layer.create(Target::from(&ITEM), vec![Value::Int(id), name, rank]).unwrap();
        }
    }
    layers
}

fn sort(keys: &[(&str, SortOrder)]) -> Vec<(String, SortOrder)> {
    keys.iter().map(|(name, order)| (name.to_string(), *order)).collect()
}

fn ids(rows: &[Row]) -> Vec<Value> {
    rows.iter().map(|row| row[0].clone()).collect()
}

#[test]
fn every_layer_reads_exactly_the_rows_after_a_cursor_in_every_order() {
    let layers = layers();
    for first in ORDERS {
        for second in ORDERS {
            for (a, b) in [("rank", "name"), ("name", "rank")] {
                let sort = sort(&[(a, first), (b, second), ("id", SortOrder::Asc)]);
                let ordered = DataQuery { sort: sort.clone(), ..DataQuery::default() };
                for layer in &layers {
                    let all = layer.read(Target::from(&ITEM), &ordered).unwrap();
                    assert_eq!(all.len(), 12);
                    for (i, cursor) in all.iter().enumerate() {
                        let after: Vec<Value> =
                            sort.iter().map(|(name, _)| cursor[ITEM.attribute_index(name).unwrap()].clone()).collect();
                        let query = DataQuery { after: Some(after), ..ordered.clone() };
                        let found = layer.read(Target::from(&ITEM), &query).unwrap();
                        assert_eq!(ids(&found), ids(&all[i + 1..]), "{} {sort:?} after row {i}", layer.name());
                        assert_eq!(layer.count(Target::from(&ITEM), &query).unwrap(), 11 - i);
                    }
                }
            }
        }
    }
}

#[test]
fn columns_without_nulls_going_one_way_compare_as_a_row_value() {
    let select = |keys: &[(&str, SortOrder)], after: Vec<Value>| {
        let query = DataQuery { sort: sort(keys), after: Some(after), limit: Some(3), ..DataQuery::default() };
        statements::select(&SQLITE, Target::from(&ITEM), &query).unwrap()
    };
    let (sql, params) = select(&[("id", SortOrder::Asc)], vec![Value::Int(4)]);
    assert!(sql.contains(r#" WHERE (t0."id") > (?) ORDER BY t0."id" ASC NULLS LAST LIMIT ? OFFSET ?"#), "{sql}");
    assert_eq!(params, [Value::Int(4), Value::Int(3), Value::Int(0)]);
    let (sql, _) = select(&[("name", SortOrder::Desc), ("id", SortOrder::DescNilsLast)], vec![s("b"), Value::Int(4)]);
    assert!(sql.contains(r#" WHERE (t0."name", t0."id") < (?, ?) ORDER BY"#), "{sql}");

    // Mixed directions: the OR chain.
    let (sql, params) = select(&[("name", SortOrder::Asc), ("id", SortOrder::Desc)], vec![s("b"), Value::Int(4)]);
    assert!(sql.contains(r#"WHERE ((t0."name" > ?) OR ((t0."name" = ?) AND (t0."id" < ?)))"#), "{sql}");
    assert_eq!(params[..3], [s("b"), s("b"), Value::Int(4)]);
    // A nullable column: nils where the order puts them.
    let (sql, _) = select(&[("rank", SortOrder::Asc), ("id", SortOrder::Asc)], vec![Value::Int(1), Value::Int(4)]);
    assert!(sql.contains(r#"((t0."rank" > ?) OR (t0."rank" IS NULL))"#), "{sql}");
    let (sql, _) = select(&[("rank", SortOrder::Asc), ("id", SortOrder::Asc)], vec![Value::Nil, Value::Int(4)]);
    assert!(sql.contains(r#"WHERE ((t0."rank" IS NULL) AND (t0."id" > ?))"#), "{sql}");
}

#[test]
fn a_keyset_of_the_wrong_length_is_an_error() {
    let query = DataQuery {
        sort: sort(&[("id", SortOrder::Asc)]),
        after: Some(vec![Value::Int(1), Value::Int(2)]),
        ..DataQuery::default()
    };
    assert!(statements::select(&SQLITE, Target::from(&ITEM), &query).is_err());
}

fn s(text: &str) -> Value {
    Value::String(text.into())
}

#[test]
fn a_select_reads_only_its_columns_on_every_layer() {
    let query = DataQuery { select: Some(vec![0, 2]), sort: sort(&[("id", SortOrder::Asc)]), ..DataQuery::default() };
    let (sql, _) = statements::select(&SQLITE, Target::from(&ITEM), &query).unwrap();
    assert!(sql.starts_with(r#"SELECT "id", "rank" FROM "items" AS t0 ORDER BY"#), "{sql}");
    for layer in layers() {
        let rows = layer.read(Target::from(&ITEM), &query).unwrap();
        assert_eq!(rows[0], [Value::Int(1), Value::Nil, Value::Int(1)], "{}", layer.name());
        assert_eq!(rows[3], [Value::Int(4), Value::Nil, Value::Nil], "{}", layer.name());
        // With a computed value after the attributes.
        let name = crate::expr::tree::Expr::field("name");
        let computed = DataQuery { computed: vec![name], limit: Some(1), ..query.clone() };
        assert_eq!(
            layer.read(Target::from(&ITEM), &computed).unwrap()[0],
            [Value::Int(1), Value::Nil, Value::Int(1), s("a")]
        );
    }
}
