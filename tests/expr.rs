//! `expr!` through the public API: the trees it builds, read filters in the
//! resource declaration, and the same filters giving the same records on the
//! ETS layer (evaluated in memory) and on SQLite (compiled to SQL).

use std::sync::Arc;

use resource::chrono::{DateTime, NaiveDate, Utc};
use resource::dsl::resource;
use resource::expr::Function;
use resource::prelude::*;
use resource::{BinaryOp, DataLayer, Ets, Expr, ResourceFields, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, resource::Atom)]
pub enum Status {
    Open,
    Closed,
}

resource! {
    pub Item {
        data_layer: Sqlite,
        attributes {
            integer_primary_key id;
            attribute name: String { public: true }
            attribute email: Option<CiString> { public: true }
            attribute price: Option<Decimal> { public: true }
            attribute qty: Option<i64> { public: true }
            attribute rating: Option<f64> { public: true }
            attribute active: Option<bool> { public: true }
            attribute status: Status { public: true, default: Status::Open }
            attribute born: Option<NaiveDate> { public: true }
            attribute seen_at: Option<DateTime<Utc>> { public: true }
        }
        actions {
            default_accept *;
            defaults [create, read];
            read cheap { filter: expr(price < 1 || is_nil(price)); }
            read an_open { filter: expr(ilike(name, ^"%AN%") && status not in ["closed"] && length(name) > ^3); }
            read by_rule { filter: expr(if active { qty * 2 >= 4 } else { contains(email, "EXAMPLE") }); }
        }
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

const INJECTION: &str = "x'); DROP TABLE item; --";

/// The same records on a data layer.
fn seeded(layer: Arc<dyn DataLayer>) -> Domain {
    let d = Domain::new().with_data_layer(layer).register::<Item>().build().unwrap();
    Item::create()
        .name("Banana")
        .email(CiString::from("Ann@Example.com"))
        .price(dec!(0.10))
        .qty(3)
        .rating(4.5)
        .active(true)
        .born(date(2000, 1, 2))
        .seen_at(at("2024-05-01T09:30:00Z"))
        .run(&d)
        .unwrap();
    Item::create()
        .name("apple")
        .email(CiString::from("bob@example.com"))
        .price(dec!(1.50))
        .qty(0)
        .rating(2.0)
        .active(false)
        .status(Status::Closed)
        .born(date(1990, 12, 31))
        .seen_at(at("2023-01-01T00:00:00.5Z"))
        .run(&d)
        .unwrap();
    Item::create().name("Nothing else").run(&d).unwrap();
    Item::create()
        .name("Cherry pie")
        .email(CiString::from("CAROL@x.org"))
        .price(dec!(12))
        .qty(-2)
        .active(true)
        .run(&d)
        .unwrap();
    Item::create().name(INJECTION).price(dec!(100)).rating(0.0).status(Status::Closed).run(&d).unwrap();
    d
}

fn domains() -> [(&'static str, Domain); 2] {
    [("ets", seeded(Arc::new(Ets::new()))), ("sqlite", seeded(Arc::new(Sqlite::memory().unwrap())))]
}

fn names(items: Vec<Item>) -> Vec<String> {
    let mut names: Vec<String> = items.into_iter().map(|item| item.name).collect();
    names.sort();
    names
}

#[test]
fn expr_builds_the_tree_of_the_constructors() {
    let built = Expr::of::<Item>(expr!(price < 1 && like(name, "%an%")));
    let expected = Expr::binary(
        BinaryOp::And,
        Expr::binary(BinaryOp::Lt, Expr::field("price"), Expr::value(1)),
        Expr::call(Function::Like, vec![Expr::field("name"), Expr::value("%an%")]),
    );
    assert_eq!(built, expected);

    let allowed = vec![Status::Open];
    let limit = dec!(2.5);
    let built = Expr::of::<Item>(expr!(
        not (status in ^allowed) or (price * 2 + ^limit > 10 and name <> "!" != nil)
    ));
    let expected = Expr::Not(Box::new(Expr::in_list(Expr::field("status"), vec![Expr::value(Status::Open)]))).or(
        Expr::binary(BinaryOp::Gt, (Expr::field("price") * Expr::value(2)) + Expr::value(dec!(2.5)), Expr::value(10))
            .and(Expr::binary(BinaryOp::NotEq, Expr::field("name").concat(Expr::value("!")), Expr::nil())),
    );
    assert_eq!(built, expected);

    let built = Expr::of::<Item>(expr!(if(active, -qty, 0) >= string_join([name, email], "/")));
    let expected = Expr::binary(
        BinaryOp::Ge,
        Expr::if_else(
            Expr::field("active"),
            Expr::binary(BinaryOp::Sub, Expr::value(0), Expr::field("qty")),
            Expr::value(0),
        ),
        Expr::string_join(vec![Expr::field("name"), Expr::field("email")], Expr::value("/")),
    );
    assert_eq!(built, expected);

    let built = Expr::of::<Item>(expr!(fragment("lower(?) = ?", name, ^"x") || status == ^Status::Closed));
    let expected = Expr::fragment("lower(?) = ?", vec![Expr::field("name"), Expr::value("x")]).or(Expr::binary(
        BinaryOp::Eq,
        Expr::field("status"),
        Expr::Value(Value::Atom("closed".into())),
    ));
    assert_eq!(built, expected);

    // The field struct holds the handles `expr!` reads; they are usable directly too.
    assert_eq!(Item::fields().price.name, "price");
    assert_eq!(Expr::of::<Item>(|f| f.qty.gt(1)), Expr::binary(BinaryOp::Gt, Expr::field("qty"), Expr::value(1i64)));
}

#[test]
fn filters_agree_on_ets_and_sqlite() {
    let evil = INJECTION.to_string();
    let statuses = vec![Status::Closed];
    let cutoff = at("2023-06-01T00:00:00Z");
    let table: Vec<(&str, Expr, &[&str])> = vec![
        ("price < 1", Expr::of::<Item>(expr!(price < 1)), &["Banana"]),
        ("price == 1.5", Expr::of::<Item>(expr!(price == ^dec!(1.5))), &["apple"]),
        ("price * qty > 0", Expr::of::<Item>(expr!(price * qty > 0)), &["Banana"]),
        ("qty / 2 >= 1.5", Expr::of::<Item>(expr!(qty / 2 >= 1.5)), &["Banana"]),
        ("like", Expr::of::<Item>(expr!(like(name, "%an%"))), &["Banana"]),
        ("like is case-sensitive", Expr::of::<Item>(expr!(like(name, "%A%"))), &[INJECTION]),
        ("ilike", Expr::of::<Item>(expr!(ilike(name, "%A%"))), &["Banana", "apple", INJECTION]),
        ("contains ci", Expr::of::<Item>(expr!(contains(email, "EXAMPLE"))), &["Banana", "apple"]),
        ("contains", Expr::of::<Item>(expr!(contains(name, "pie") or contains(name, "PIE"))), &["Cherry pie"]),
        ("ci equality", Expr::of::<Item>(expr!(email == "carol@X.ORG")), &["Cherry pie"]),
        ("lower", Expr::of::<Item>(expr!(lower(name) == "apple" || upper(name) == "BANANA")), &["Banana", "apple"]),
        ("length", Expr::of::<Item>(expr!(length(name) > 10)), &["Nothing else", INJECTION]),
        ("<>", Expr::of::<Item>(expr!(name <> "/" <> qty == "Banana/3")), &["Banana"]),
        ("concat", Expr::of::<Item>(expr!(concat(name, qty) == "Nothing else")), &["Nothing else"]),
        (
            "string_join",
            Expr::of::<Item>(expr!(string_join([name, email], " ") == "apple bob@example.com")),
            &["apple"],
        ),
        ("if", Expr::of::<Item>(expr!(if(active, qty, 10) > 2)), &["Banana", "Nothing else", "apple", INJECTION]),
        (
            "rust if",
            Expr::of::<Item>(expr!(if active { "on" } else { "off" } == "off")),
            &["Nothing else", "apple", INJECTION],
        ),
        ("bool", Expr::of::<Item>(expr!(active)), &["Banana", "Cherry pie"]),
        ("bool == false", Expr::of::<Item>(expr!(active == false)), &["apple"]),
        ("not bool", Expr::of::<Item>(expr!(!active)), &["apple"]),
        (
            // Ash's `&&`: `nil && false` is nil, so `!` of it keeps nothing
            // (SQL's three-valued AND would make it false; issue 8, item 4).
            "nil && false is nil",
            Expr::of::<Item>(expr!(!(qty > 0 && false))),
            &["Banana", "Cherry pie", "apple"],
        ),
        (
            "nil or true",
            Expr::of::<Item>(expr!(qty > 100 or true)),
            &["Banana", "Cherry pie", "Nothing else", "apple", INJECTION],
        ),
        ("== nil", Expr::of::<Item>(expr!(qty == nil)), &[]),
        ("is_nil", Expr::of::<Item>(expr!(is_nil(qty))), &["Nothing else", INJECTION]),
        ("atom", Expr::of::<Item>(expr!(status == "closed")), &["apple", INJECTION]),
        ("pinned atoms", Expr::of::<Item>(expr!(status in ^statuses.clone() && !is_nil(price))), &["apple", INJECTION]),
        ("not in", Expr::of::<Item>(expr!(qty not in [0, 3])), &["Cherry pie"]),
        ("in with nil", Expr::of::<Item>(expr!(!(qty in [0, nil]))), &[]),
        ("dates", Expr::of::<Item>(expr!(born < today() && born > ^date(1995, 1, 1))), &["Banana"]),
        ("datetimes", Expr::of::<Item>(expr!(seen_at < now() && seen_at > ^cutoff)), &["Banana"]),
        ("injection", Expr::of::<Item>(expr!(name == ^evil)), &[INJECTION]),
    ];
    assert!(table.len() >= 30);
    for (layer, d) in domains() {
        for (name, filter, expected) in &table {
            let found = names(
                Item::read().filter_expr(filter.clone()).run(&d).unwrap_or_else(|e| panic!("{layer}: {name}: {e}")),
            );
            let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
            expected.sort();
            assert_eq!(found, expected, "{layer}: {name}");
        }
        assert_eq!(Item::read().run(&d).unwrap().len(), 5, "{layer}: nothing was dropped");
    }
}

#[test]
fn query_filter_takes_expr_closures() {
    for (layer, d) in domains() {
        let max = dec!(1);
        let cheap = Item::read().filter(expr!(price < ^max && like(name, "%an%"))).run(&d).unwrap();
        assert_eq!(names(cheap), ["Banana"], "{layer}");
        // Several filters are and-ed; the closure may use the handles directly.
        let found = Item::read().filter(expr!(!is_nil(price))).filter(|f| f.qty.lt(1)).run(&d).unwrap();
        assert_eq!(names(found), ["Cherry pie", "apple"], "{layer}");
    }
}

#[test]
fn read_actions_filter_with_the_same_language() {
    for (layer, d) in domains() {
        assert_eq!(names(Item::cheap().run(&d).unwrap()), ["Banana", "Nothing else"], "{layer}");
        assert_eq!(names(Item::an_open().run(&d).unwrap()), ["Banana"], "{layer}");
        assert_eq!(names(Item::by_rule().run(&d).unwrap()), ["Banana", "apple"], "{layer}");
        let more = Item::an_open().filter(expr!(qty > 0)).run(&d).unwrap();
        assert_eq!(names(more), ["Banana"], "{layer}");
    }
}

#[test]
fn fragments_run_in_sql_only() {
    let [(_, ets), (_, sqlite)] = domains();
    let found = Item::read().filter(expr!(fragment("lower(?) = ?", name, ^"banana"))).run(&sqlite).unwrap();
    assert_eq!(names(found), ["Banana"]);
    let err = Item::read().filter(expr!(fragment("lower(?) = ?", name, ^"banana"))).run(&ets).unwrap_err();
    assert_eq!(err, Error::DataLayer("fragment(..) can only run in SQL data layers".into()));
    let err = Item::read().filter(expr!(false && fragment("1"))).run(&ets).unwrap_err();
    assert_eq!(err.to_string(), "data layer error: fragment(..) can only run in SQL data layers");
}

#[test]
fn a_filter_must_be_boolean() {
    let [(_, ets), _] = domains();
    let err = Item::read().filter(expr!(price + 1)).run(&ets).unwrap_err();
    assert_eq!(
        err.to_string(),
        "data layer error: a filter must be a boolean expression, but this one is of type decimal"
    );
}
