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
        (
            &AUTHOR,
            "count(books) where id >= parent(id)",
            agg(Aggregate {
                filter: Some(Expr::binary(BinaryOp::Ge, Expr::field("id"), Expr::parent(Expr::field("id")))),
                ..aggregate(AggregateKind::Count, &["books"], None)
            }),
        ),
        (
            &AUTHOR,
            "count(books) where tags.name == sf (a to-many path in an aggregate's filter)",
            agg(Aggregate {
                filter: Some(Expr::binary(BinaryOp::Eq, path(&["tags"], "name"), Expr::value("sf"))),
                ..aggregate(AggregateKind::Count, &["books"], None)
            }),
        ),
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

/// Filters through to-many relationships (Ash: "some related record"),
/// `exists` with `parent(..)`, and the records (ids) each keeps.
fn to_many_filters() -> Vec<(&'static ResourceInfo, &'static str, Expr, Vec<i64>)> {
    use BinaryOp::{Eq, Ge, Gt};
    let path = |p: &[&str], f: &str| Expr::path(p.iter().map(|s| s.to_string()).collect(), f);
    let bin = Expr::binary;
    let title = || path(&["books"], "title");
    vec![
        (&AUTHOR, "books.title == Alpha", bin(Eq, title(), Expr::value("Alpha")), vec![1]),
        (
            &AUTHOR,
            "!(books.title == Alpha): some book titled otherwise",
            !bin(Eq, title(), Expr::value("Alpha")),
            vec![1, 2],
        ),
        (&AUTHOR, "is_nil(books.title): no books (the NULL row)", Expr::is_nil(title()), vec![3]),
        (
            &AUTHOR,
            "books.price > 10 && books.title == Beta: the same book",
            bin(Gt, path(&["books"], "price"), Expr::value(10)).and(bin(Eq, title(), Expr::value("Beta"))),
            vec![],
        ),
        (
            &AUTHOR,
            "books.price > 10 || books.title == Beta",
            bin(Gt, path(&["books"], "price"), Expr::value(10)).or(bin(Eq, title(), Expr::value("Beta"))),
            vec![1, 2],
        ),
        (
            &AUTHOR,
            "books.title == Gamma || name == Cy",
            bin(Eq, title(), Expr::value("Gamma")).or(bin(Eq, Expr::field("name"), Expr::value("Cy"))),
            vec![2, 3],
        ),
        (&AUTHOR, "books.tags.name == sf", bin(Eq, path(&["books", "tags"], "name"), Expr::value("sf")), vec![1, 2]),
        (
            &AUTHOR,
            "books.tags.name == classic",
            bin(Eq, path(&["books", "tags"], "name"), Expr::value("classic")),
            vec![1],
        ),
        (
            &AUTHOR,
            "mentor.books.title == Alpha",
            bin(Eq, path(&["mentor", "books"], "title"), Expr::value("Alpha")),
            vec![2],
        ),
        (&AUTHOR, "books.author.name == Ann", bin(Eq, path(&["books", "author"], "name"), Expr::value("Ann")), vec![1]),
        (
            &AUTHOR,
            "books.title in [Alpha, Gamma]",
            Expr::in_list(title(), Expr::values(["Alpha", "Gamma"])),
            vec![1, 2],
        ),
        (
            &AUTHOR,
            "length(books.title) == 4 && books.title == name <> \"\"",
            bin(Eq, Expr::call(Function::Length, vec![title()]), Expr::value(4)).and(bin(
                Eq,
                title(),
                Expr::field("name").concat(Expr::value("")),
            )),
            vec![],
        ),
        (
            &BOOK,
            "tags.name == sf && tags.name == classic: the same tag",
            bin(Eq, path(&["tags"], "name"), Expr::value("sf")).and(bin(
                Eq,
                path(&["tags"], "name"),
                Expr::value("classic"),
            )),
            vec![],
        ),
        (
            &BOOK,
            "tags.name == sf && author.books.title == Beta",
            bin(Eq, path(&["tags"], "name"), Expr::value("sf")).and(bin(
                Eq,
                path(&["author", "books"], "title"),
                Expr::value("Beta"),
            )),
            vec![1],
        ),
        (
            &BOOK,
            "exists(tags, name == sf) && exists(tags, name == classic)",
            Expr::exists(&["tags"], Some(bin(Eq, Expr::field("name"), Expr::value("sf"))))
                .and(Expr::exists(&["tags"], Some(bin(Eq, Expr::field("name"), Expr::value("classic"))))),
            vec![1],
        ),
        (
            &AUTHOR,
            "exists(books, id >= parent(id))",
            Expr::exists(&["books"], Some(bin(Ge, Expr::field("id"), Expr::parent(Expr::field("id"))))),
            vec![1, 2],
        ),
        (
            &AUTHOR,
            "exists(books, id == parent(id))",
            Expr::exists(&["books"], Some(bin(Eq, Expr::field("id"), Expr::parent(Expr::field("id"))))),
            vec![1],
        ),
        (
            &AUTHOR,
            "exists(books, exists(tags, name == sf && parent(parent(name)) == Bob))",
            Expr::exists(
                &["books"],
                Some(Expr::exists(
                    &["tags"],
                    Some(bin(Eq, Expr::field("name"), Expr::value("sf")).and(bin(
                        Eq,
                        Expr::parent(Expr::parent(Expr::field("name"))),
                        Expr::value("Bob"),
                    ))),
                )),
            ),
            vec![2],
        ),
        (
            &AUTHOR,
            "exists(books, parent(mentor.name) == Ann)",
            Expr::exists(&["books"], Some(bin(Eq, Expr::parent(path(&["mentor"], "name")), Expr::value("Ann")))),
            vec![2],
        ),
        (
            &AUTHOR,
            "exists(books, tags.name == classic)",
            Expr::exists(&["books"], Some(bin(Eq, path(&["tags"], "name"), Expr::value("classic")))),
            vec![1],
        ),
    ]
}

#[test]
fn to_many_paths_and_parent_agree_on_both_layers() {
    let ets = domain(Arc::new(Ets::new()));
    let sqlite = domain(Arc::new(Sqlite::memory().unwrap()));
    let mut failures = Vec::new();
    for (resource, name, filter, expected) in to_many_filters() {
        let expected: Vec<Value> = expected.into_iter().map(int).collect();
        let (a, b) = (kept(&ets, resource, &filter), kept(&sqlite, resource, &filter));
        if a != expected || b != expected {
            failures.push(format!("{name}: memory keeps {a:?}, SQL {b:?}, expected {expected:?}"));
        }
        // As a value: true or false, never nil, on both layers.
        let bound = filter.bind_to_many(resource).unwrap();
        let (a, b) = (computed(&ets, resource, &bound), computed(&sqlite, resource, &bound));
        let truth: Vec<Value> = (1..=a.len() as i64).map(|id| Value::Bool(expected.contains(&int(id)))).collect();
        let sql_truth: Vec<Value> = b.iter().map(|v| Value::Bool(matches!(v, Value::Bool(true)))).collect();
        if a != truth || !b.iter().all(|v| matches!(v, Value::Bool(_))) || sql_truth != truth {
            failures.push(format!("{name} as a value: memory {a:?}, SQL {b:?}"));
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
    let count_where = |filter: Expr| {
        Expr::Aggregate(Box::new(Aggregate {
            filter: Some(filter),
            ..aggregate(AggregateKind::Count, &["books"], None)
        }))
    };
    let at_least_own_id = Expr::binary(BinaryOp::Ge, Expr::field("id"), Expr::parent(Expr::field("id")));
    let sqlite = domain(Arc::new(Sqlite::memory().unwrap()));
    for domain in [&ets, &sqlite] {
        assert_eq!(computed(domain, &AUTHOR, &count_where(at_least_own_id.clone())), [int(2), int(1), int(0)]);
        let sf = Expr::binary(BinaryOp::Eq, Expr::path(vec!["tags".into()], "name"), Expr::value("sf"));
        assert_eq!(computed(domain, &AUTHOR, &count_where(sf)), [int(1), int(1), int(0)]);
    }
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
    assert_eq!(
        compile_filter(
            &Expr::binary(BinaryOp::Eq, Expr::path(vec!["books".into()], "title"), Expr::value("x")),
            &AUTHOR,
            "t0"
        )
        .unwrap()
        .sql,
        r#"(EXISTS (SELECT 1 FROM "books" AS s1 WHERE s1."author_id" = t0."id" AND ((s1."title" = ?))))"#
    );
    assert_eq!(
        compile_filter(&Expr::is_nil(Expr::path(vec!["books".into()], "title")), &AUTHOR, "t0").unwrap().sql,
        r#"(EXISTS (SELECT 1 FROM "books" AS s1 WHERE s1."author_id" = t0."id" AND ((s1."title" IS NULL))) OR (NOT EXISTS (SELECT 1 FROM "books" AS s2 WHERE s2."author_id" = t0."id") AND ((NULL IS NULL))))"#
    );
    assert_eq!(
        sql(
            &AUTHOR,
            Expr::exists(
                &["books"],
                Some(Expr::binary(BinaryOp::Eq, Expr::field("id"), Expr::parent(Expr::field("id"))))
            )
        ),
        r#"EXISTS (SELECT 1 FROM "books" AS s1 WHERE s1."author_id" = t0."id" AND ((s1."id" = t0."id")))"#
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
    // A to-many path where one value is needed.
    let computed = DataQuery { computed: vec![Expr::path(vec!["books".into()], "title")], ..DataQuery::default() };
    for domain in [&ets, &domain(Arc::new(Sqlite::memory().unwrap()))] {
        let err = domain.read_rows(Target::from(&AUTHOR), &computed).unwrap_err();
        assert!(
            err.to_string().contains("`books` is a has_many relationship: the path `books` has many values"),
            "{err}"
        );
        let err =
            domain.read_rows(Target::from(&AUTHOR), &query(Expr::parent(Expr::field("id")).nil_test())).unwrap_err();
        assert!(err.to_string().contains("parent(..) refers to the record outside"), "{err}");
    }
    let err =
        Expr::path(vec!["author".into()], "name").try_eval(&BOOK, &[int(1), s("x"), Value::Nil, int(1)]).unwrap_err();
    assert!(err.to_string().contains("needs the rows of related records"), "{err}");
}

impl Expr {
    fn nil_test(self) -> Expr {
        Expr::is_nil(self)
    }
}
