//! Relationship paths, aggregates and calculations without macros: the
//! same expressions through a domain on ETS (related rows prefetched, then
//! evaluated in memory) and on SQLite (correlated subqueries), row by row,
//! and the SQL they compile to.

use crate::data_layer::Target;
use std::sync::Arc;

use super::{Aggregate, AggregateKind, BinaryOp, Expr, Function};
use crate::data_layer::DataLayer;
use crate::data_layer::ets::Ets;
use crate::data_layer::sql::compile::SqlFragment;
use crate::data_layer::sqlite::SQLITE;
use crate::data_layer::sqlite::Sqlite;
use crate::domain::Domain;
use crate::info::{
    AggregateInfo, AttributeInfo, CalculationInfo, DataLayerKind, JoinInfo, RelationshipInfo, RelationshipKind,
    ResourceInfo, SqlInfo, Type,
};

/// The shared compiler in SQLite's dialect, numbering from the first parameter.
fn compile(expr: &Expr, resource: &'static ResourceInfo, alias: &str) -> crate::info::error::Result<SqlFragment> {
    crate::data_layer::sql::compile(&SQLITE, expr, resource, alias, 1)
}

#[allow(dead_code)]
fn compile_filter(
    expr: &Expr,
    resource: &'static ResourceInfo,
    alias: &str,
) -> crate::info::error::Result<SqlFragment> {
    crate::data_layer::sql::compile_filter(&SQLITE, expr, resource, alias, 1)
}

use crate::info::value::Value;
use crate::{data_layer::query::DataQuery, expr::tree::SortOrder};

const fn attr(name: &'static str, ty: Type, primary_key: bool) -> AttributeInfo {
    AttributeInfo { allow_nil: !primary_key, primary_key, ..AttributeInfo::new(name, ty) }
}

const fn resource(
    name: &'static str,
    table: &'static str,
    attributes: &'static [AttributeInfo],
    relationships: &'static [RelationshipInfo],
) -> ResourceInfo {
    ResourceInfo {
        short_name: table,
        sql: SqlInfo { table: Some(table), ..SqlInfo::DEFAULT },
        attributes,
        relationships,
        ..ResourceInfo::new(name, DataLayerKind::Ets)
    }
}

const fn relationship(
    name: &'static str,
    kind: RelationshipKind,
    destination: fn() -> &'static ResourceInfo,
    source_attribute: &'static str,
    destination_attribute: &'static str,
) -> RelationshipInfo {
    RelationshipInfo {
        name,
        kind,
        destination,
        source_attribute,
        destination_attribute,
        through: None,
        context_table: None,
        allow_nil: true,
        public: true,
        description: None,
    }
}

static AUTHOR: ResourceInfo = ResourceInfo {
    aggregates: &[
        AggregateInfo {
            name: "book_count",
            kind: AggregateKind::Count,
            path: &["books"],
            field: None,
            filter: None,
            sort: &[],
            default: None,
            uniq: false,
            include_nil: false,
            public: true,
            description: None,
        },
        AggregateInfo {
            name: "cheapest",
            kind: AggregateKind::First,
            path: &["books"],
            field: Some("title"),
            filter: None,
            sort: &[("price", SortOrder::Asc)],
            default: Some(|| Value::String("none".into())),
            uniq: false,
            include_nil: false,
            public: true,
            description: None,
        },
    ],
    ..resource(
        "Author",
        "authors",
        &[attr("id", Type::Integer, true), attr("name", Type::String, false), attr("mentor_id", Type::Integer, false)],
        &[
            relationship("books", RelationshipKind::HasMany, || &BOOK, "id", "author_id"),
            relationship("mentor", RelationshipKind::BelongsTo, || &AUTHOR, "mentor_id", "id"),
        ],
    )
};

static BOOK: ResourceInfo = ResourceInfo {
    calculations: &[CalculationInfo {
        name: "label",
        ty: Type::String,
        allow_nil: true,
        expr: || Expr::field("title").concat(Expr::value(" by ")).concat(Expr::path(vec!["author".into()], "name")),
        public: true,
        description: None,
    }],
    ..resource(
        "Book",
        "books",
        &[
            attr("id", Type::Integer, true),
            attr("title", Type::String, false),
            attr("price", Type::Decimal, false),
            attr("author_id", Type::Integer, false),
        ],
        &[
            relationship("author", RelationshipKind::BelongsTo, || &AUTHOR, "author_id", "id"),
            RelationshipInfo {
                through: Some(JoinInfo {
                    resource: || &BOOK_TAG,
                    source_attribute: "book_id",
                    destination_attribute: "tag_id",
                }),
                ..relationship("tags", RelationshipKind::ManyToMany, || &TAG, "id", "id")
            },
        ],
    )
};

static TAG: ResourceInfo =
    resource("Tag", "tags", &[attr("id", Type::Integer, true), attr("name", Type::String, false)], &[]);

static BOOK_TAG: ResourceInfo = resource(
    "BookTag",
    "book_tags",
    &[attr("id", Type::Integer, true), attr("book_id", Type::Integer, false), attr("tag_id", Type::Integer, false)],
    &[],
);

fn int(i: i64) -> Value {
    Value::Int(i)
}

fn s(text: &str) -> Value {
    Value::String(text.to_string())
}

fn dec(text: &str) -> Value {
    Value::Decimal(text.parse().unwrap())
}

/// Three authors (Ann mentors Bob; Cy has no books), four books, tags.
fn domain(layer: Arc<dyn DataLayer>) -> Domain {
    let domain = Domain::new()
        .with_data_layer(layer.clone())
        .register_info(&AUTHOR)
        .register_info(&BOOK)
        .register_info(&TAG)
        .register_info(&BOOK_TAG)
        .build()
        .unwrap();
    for row in [vec![int(1), s("Ann"), Value::Nil], vec![int(2), s("Bob"), int(1)], vec![int(3), s("Cy"), int(2)]] {
        layer.create(Target::from(&AUTHOR), row).unwrap();
    }
    let books = [
        vec![int(1), s("Alpha"), dec("12.50"), int(1)],
        vec![int(2), s("Beta"), dec("9.99"), int(1)],
        vec![int(3), s("Gamma"), dec("20"), int(2)],
        vec![int(4), s("Orphan"), Value::Nil, Value::Nil],
    ];
    for row in books {
        layer.create(Target::from(&BOOK), row).unwrap();
    }
    for row in [vec![int(1), s("sf")], vec![int(2), s("classic")]] {
        layer.create(Target::from(&TAG), row).unwrap();
    }
    for row in [vec![int(1), int(1), int(1)], vec![int(2), int(1), int(2)], vec![int(3), int(3), int(1)]] {
        layer.create(Target::from(&BOOK_TAG), row).unwrap();
    }
    domain
}

/// Each expression's value per row of `resource` (by id), computed by the domain.
fn computed(domain: &Domain, resource: &'static ResourceInfo, expr: &Expr) -> Vec<Value> {
    let query =
        DataQuery { computed: vec![expr.clone()], sort: vec![("id".into(), SortOrder::Asc)], ..DataQuery::default() };
    let rows = domain.read_rows(Target::from(resource), &query).unwrap_or_else(|e| panic!("{expr:?}: {e}"));
    rows.into_iter().map(|mut row| row.pop().unwrap()).collect()
}

fn kept(domain: &Domain, resource: &'static ResourceInfo, filter: &Expr) -> Vec<Value> {
    let query =
        DataQuery { filter: Some(filter.clone()), sort: vec![("id".into(), SortOrder::Asc)], ..DataQuery::default() };
    domain.read_rows(Target::from(resource), &query).unwrap().into_iter().map(|row| row[0].clone()).collect()
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => (x - y).abs() < 1e-9,
        (Value::Decimal(x), Value::Decimal(y)) => {
            (f64::try_from(*x).unwrap() - f64::try_from(*y).unwrap()).abs() < 1e-9
        }
        (Value::Json(x), Value::Json(y)) => x == y,
        _ => a == b,
    }
}

fn aggregate(kind: AggregateKind, path: &[&str], field: Option<&str>) -> Aggregate {
    Aggregate::new(kind, path.iter().map(|s| s.to_string()).collect(), field.map(str::to_string))
}

fn expressions() -> Vec<(&'static ResourceInfo, &'static str, Expr)> {
    let agg = |a: Aggregate| Expr::Aggregate(Box::new(a));
    let path = |p: &[&str], f: &str| Expr::path(p.iter().map(|s| s.to_string()).collect(), f);
    vec![
        (&BOOK, "author.name", path(&["author"], "name")),
        (&BOOK, "author.mentor.name", path(&["author", "mentor"], "name")),
        (&BOOK, "label (a calculation with a path)", Expr::field("label")),
        (&BOOK, "author.book_count", path(&["author"], "book_count")),
        (&BOOK, "exists(tags)", Expr::exists(&["tags"], None)),
        (
            &BOOK,
            "exists(tags, name == sf)",
            Expr::exists(&["tags"], Some(Expr::binary(BinaryOp::Eq, Expr::field("name"), Expr::value("sf")))),
        ),
        (&AUTHOR, "book_count", Expr::field("book_count")),
        (&AUTHOR, "cheapest (first with a default)", Expr::field("cheapest")),
        (&AUTHOR, "sum(books.price)", agg(aggregate(AggregateKind::Sum, &["books"], Some("price")))),
        (&AUTHOR, "max(books.title)", agg(aggregate(AggregateKind::Max, &["books"], Some("title")))),
        (&AUTHOR, "avg(books.id)", agg(aggregate(AggregateKind::Avg, &["books"], Some("id")))),
        (&AUTHOR, "count(books.tags)", agg(aggregate(AggregateKind::Count, &["books", "tags"], None))),
        (
            &AUTHOR,
            "list(books.title) by title desc",
            agg(Aggregate {
                sort: vec![("title".into(), SortOrder::Desc)],
                ..aggregate(AggregateKind::List, &["books"], Some("title"))
            }),
        ),
        (
            &AUTHOR,
            "count(books) where price > 10",
            agg(Aggregate {
                filter: Some(Expr::binary(BinaryOp::Gt, Expr::field("price"), Expr::value(10))),
                ..aggregate(AggregateKind::Count, &["books"], None)
            }),
        ),
        (&AUTHOR, "mentor.mentor.name", path(&["mentor", "mentor"], "name")),
        (&AUTHOR, "upper(mentor.name)", Expr::call(Function::Upper, vec![path(&["mentor"], "name")])),
    ]
}

#[test]
fn memory_and_sqlite_agree() {
    let ets = domain(Arc::new(Ets::new()));
    let sqlite = domain(Arc::new(Sqlite::memory().unwrap()));
    let mut failures = Vec::new();
    for (resource, name, expr) in expressions() {
        let (in_memory, in_sql) = (computed(&ets, resource, &expr), computed(&sqlite, resource, &expr));
        if in_memory.len() != in_sql.len() || in_memory.iter().zip(&in_sql).any(|(a, b)| !same(a, b)) {
            failures.push(format!("{name}: memory {in_memory:?}, SQL {in_sql:?}"));
        }
        if expr.static_type(resource) == Some(Type::Boolean) {
            let (a, b) = (kept(&ets, resource, &expr), kept(&sqlite, resource, &expr));
            if a != b {
                failures.push(format!("{name} as a filter: memory keeps {a:?}, SQL {b:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn values_through_relationships() {
    let ets = domain(Arc::new(Ets::new()));
    assert_eq!(
        computed(&ets, &BOOK, &Expr::field("label")),
        [s("Alpha by Ann"), s("Beta by Ann"), s("Gamma by Bob"), Value::Nil]
    );
    assert_eq!(computed(&ets, &AUTHOR, &Expr::field("book_count")), [int(2), int(1), int(0)]);
    assert_eq!(computed(&ets, &AUTHOR, &Expr::field("cheapest")), [s("Beta"), s("Gamma"), s("none")]);
    let gt = Expr::binary(BinaryOp::Gt, Expr::field("book_count"), Expr::value(0));
    assert_eq!(kept(&ets, &AUTHOR, &gt), [int(1), int(2)]);
}

#[test]
fn sql_shapes() {
    let sql = |resource: &'static ResourceInfo, expr: Expr| compile(&expr, resource, "t0").unwrap().sql;
    assert_eq!(
        sql(&BOOK, Expr::path(vec!["author".into()], "name")),
        r#"(SELECT s1."name" FROM "authors" AS s1 WHERE s1."id" = t0."author_id" LIMIT 1)"#
    );
    assert_eq!(
        sql(&AUTHOR, Expr::field("book_count")),
        r#"(SELECT COUNT(*) FROM "books" AS s1 WHERE s1."author_id" = t0."id")"#
    );
    assert_eq!(
        sql(&BOOK, Expr::exists(&["tags"], Some(Expr::binary(BinaryOp::Eq, Expr::field("name"), Expr::value("sf"))))),
        r#"EXISTS (SELECT 1 FROM "tags" AS s1 WHERE s1."id" IN (SELECT s2."tag_id" FROM "book_tags" AS s2 WHERE s2."book_id" = t0."id") AND ((s1."name" = ?)))"#
    );
    assert_eq!(
        sql(&AUTHOR, Expr::field("cheapest")),
        r#"COALESCE((SELECT s1."title" FROM "books" AS s1 WHERE s1."author_id" = t0."id" AND (s1."title") IS NOT NULL ORDER BY s1."price" ASC NULLS LAST LIMIT 1), ?)"#
    );
    assert_eq!(
        sql(&AUTHOR, Expr::Aggregate(Box::new(aggregate(AggregateKind::Count, &["books", "tags"], None)))),
        r#"(SELECT COUNT(*) FROM "tags" AS s1 WHERE s1."id" IN (SELECT s2."tag_id" FROM "book_tags" AS s2 WHERE s2."book_id" IN (SELECT s3."id" FROM "books" AS s3 WHERE s3."author_id" = t0."id")))"#
    );
    // A calculation is its expression, in place.
    assert_eq!(
        sql(&BOOK, Expr::field("label")),
        r#"(((t0."title" || ?) || (SELECT s1."name" FROM "authors" AS s1 WHERE s1."id" = t0."author_id" LIMIT 1)))"#
    );
}

#[test]
fn mistakes_are_reported() {
    let ets = domain(Arc::new(Ets::new()));
    let query = |expr: Expr| DataQuery { filter: Some(expr), ..DataQuery::default() };
    let err =
        ets.read_rows(Target::from(&BOOK), &query(Expr::path(vec!["writer".into()], "name").nil_test())).unwrap_err();
    assert!(err.to_string().contains("Book has no relationship `writer` (its relationships: author, tags)"), "{err}");
    let err =
        ets.read_rows(Target::from(&AUTHOR), &query(Expr::path(vec!["books".into()], "title").nil_test())).unwrap_err();
    assert!(err.to_string().contains("`books` is a has_many relationship"), "{err}");
    let err =
        Expr::path(vec!["author".into()], "name").try_eval(&BOOK, &[int(1), s("x"), Value::Nil, int(1)]).unwrap_err();
    assert!(err.to_string().contains("needs the rows of related records"), "{err}");
}

impl Expr {
    fn nil_test(self) -> Expr {
        Expr::is_nil(self)
    }
}
