//! Issue 8, items 7, 9 and 16, on every layer (ETS, SQLite in memory, a
//! SQLite file): decimals are exact in SQL too (arithmetic, comparisons,
//! `sum`/`avg`/`min`/`max`, sorts by computed decimals); ci strings fold
//! Unicode case in comparisons, sorts and unique indexes; strings holding
//! NUL characters are stored, read back and matched alike.

use resource::dsl::resource;
use resource::expr;
use resource::prelude::*;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub Order {
        attributes {
            integer_primary_key id;
            attribute label: String { allow_nil: false, public: true }
        }
        relationships {
            has_many lines: Line;
        }
        aggregates {
            sum total: lines.price;
            sum total_or_zero: lines.price { default: 0 }
            avg mean: lines.price;
            min cheapest: lines.price;
            max dearest: lines.price;
        }
        actions {
            default_accept [label];
            defaults [create, read];
        }
        sqlite { table: "orders"; }
    }
}

resource! {
    pub Line {
        attributes {
            integer_primary_key id;
            attribute price: Decimal { allow_nil: false, public: true }
        }
        relationships {
            belongs_to order: Order { attribute_type: i64 }
        }
        calculations {
            calculate tripled: Decimal = expr(price * 3);
        }
        actions {
            default_accept [price, order_id];
            defaults [create, read];
        }
        sqlite { table: "lines"; }
    }
}

resource! {
    pub Word {
        attributes {
            integer_primary_key id;
            attribute text: CiString { allow_nil: false, public: true }
            attribute note: Option<String> { public: true, constraints { trim: false } }
        }
        identities {
            identity unique_text [text];
        }
        actions {
            default_accept [text, note];
            defaults [create, read];
        }
        sqlite { table: "words"; }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Order>().register::<Line>().register::<Word>())
}

on_every_layer!(domain;
    decimal_arithmetic_is_exact_in_filters,
    computed_decimals_are_exact_and_sort_numerically,
    decimal_aggregates_are_exact,
    a_ci_identity_folds_unicode_case,
    ci_strings_sort_and_compare_by_unicode_lowercase,
    strings_with_nul_characters_match_alike,
);

fn line(d: &Domain, price: Decimal, order: Option<i64>) -> Line {
    let mut create = Line::create().price(price);
    if let Some(order) = order {
        create = create.order_id(order);
    }
    create.run(d).unwrap()
}

fn prices(lines: Vec<Line>) -> Vec<Decimal> {
    let mut prices: Vec<Decimal> = lines.into_iter().map(|l| l.price).collect();
    prices.sort();
    prices
}

fn decimal_arithmetic_is_exact_in_filters(d: &Domain) {
    for price in [dec!(0.1), dec!(0.2), dec!(0.3), dec!(12345678901234567890.123456789)] {
        line(d, price, None);
    }
    let read = |query: resource::Query<Line>| prices(query.run(d).unwrap());
    // 0.1 * 3 is 0.3 exactly (in floating point it is 0.30000000000000004).
    assert_eq!(read(Line::read().filter(expr!(price * 3 == ^dec!(0.3)))), [dec!(0.1)]);
    assert_eq!(read(Line::read().filter(expr!(price * 3 == 0.3))), [dec!(0.1)]);
    assert_eq!(read(Line::read().filter(expr!(price + 0.2 == 0.3))), [dec!(0.1)]);
    assert_eq!(read(Line::read().filter(expr!(price - ^dec!(0.1) == ^dec!(0.2)))), [dec!(0.3)]);
    // Past floating point's 15 digits.
    let big = dec!(12345678901234567890.123456789);
    assert_eq!(read(Line::read().filter(expr!(price + ^dec!(0.000000001) == ^(big + dec!(0.000000001))))), [big]);
    assert_eq!(read(Line::read().filter(expr!(price * 2 > ^dec!(24691357802469135780.246913577)))), [big]);
    assert_eq!(read(Line::read().filter(expr!(price * 3 in [^dec!(0.3), ^dec!(0.9)]))), [dec!(0.1), dec!(0.3)]);
    // A division by zero is nil: the filter keeps nothing.
    assert!(read(Line::read().filter(expr!(price / 0 == 0))).is_empty());
}

fn computed_decimals_are_exact_and_sort_numerically(d: &Domain) {
    for price in [dec!(4), dec!(0.9), dec!(0.1)] {
        line(d, price, None);
    }
    // 12 sorts after 2.7, though "12" < "2.7" as text.
    let lines = Line::read().load(line::tripled).sort(line::tripled.asc()).run(d).unwrap();
    let tripled: Vec<Decimal> = lines.iter().map(|l| *l.tripled.get().unwrap()).collect();
    assert_eq!(tripled, [dec!(0.3), dec!(2.7), dec!(12)]);
    assert_eq!(tripled.iter().map(Decimal::to_string).collect::<Vec<_>>(), ["0.3", "2.7", "12"]);
    let lines = Line::read().sort(line::tripled.desc()).run(d).unwrap();
    assert_eq!(lines.iter().map(|l| l.price).collect::<Vec<_>>(), [dec!(4), dec!(0.9), dec!(0.1)]);
}

fn decimal_aggregates_are_exact(d: &Domain) {
    let tenths = Order::create().label("tenths").run(d).unwrap();
    let thirds = Order::create().label("thirds").run(d).unwrap();
    let empty = Order::create().label("empty").run(d).unwrap();
    for price in [dec!(0.1), dec!(0.2), dec!(0.3)] {
        line(d, price, Some(tenths.id));
    }
    for price in [dec!(1), dec!(1), dec!(1.01), dec!(10)] {
        line(d, price, Some(thirds.id));
    }
    let orders = Order::read()
        .load(order::total)
        .load(order::total_or_zero)
        .load(order::mean)
        .load(order::cheapest)
        .load(order::dearest)
        .sort(order::id.asc())
        .run(d)
        .unwrap();
    let shown: Vec<_> = orders
        .iter()
        .map(|o| {
            (*o.total.get().unwrap(), *o.mean.get().unwrap(), *o.cheapest.get().unwrap(), *o.dearest.get().unwrap())
        })
        .collect();
    assert_eq!(
        shown,
        [
            // 0.6, not 0.6000000000000001.
            (Some(dec!(0.6)), Some(dec!(0.2)), Some(dec!(0.1)), Some(dec!(0.3))),
            (Some(dec!(13.01)), Some(dec!(13.01) / dec!(4)), Some(dec!(1)), Some(dec!(10))),
            (None, None, None, None),
        ]
    );
    assert_eq!(shown[0].0.unwrap().to_string(), "0.6");
    assert_eq!(*orders[2].total_or_zero.get().unwrap(), dec!(0));
    // 10 is the largest, though "10" < "9" would sort it first as text.
    let by_total = Order::read().filter(expr!(total > ^dec!(0.59) && total < ^dec!(0.61))).run(d).unwrap();
    assert_eq!(by_total.iter().map(|o| o.id).collect::<Vec<_>>(), [tenths.id]);
    let by_mean = Order::read().filter(expr!(mean == ^dec!(0.2))).run(d).unwrap();
    assert_eq!(by_mean.iter().map(|o| o.id).collect::<Vec<_>>(), [tenths.id]);
    let sorted = Order::read().sort(order::total.desc_nils_last()).run(d).unwrap();
    assert_eq!(sorted.iter().map(|o| o.id).collect::<Vec<_>>(), [thirds.id, tenths.id, empty.id]);
}

fn a_ci_identity_folds_unicode_case(d: &Domain) {
    let first = Word::create().text("ÄRGER").run(d).unwrap();
    assert_eq!(first.text.as_str(), "ÄRGER", "the case given is kept");
    let err = Word::create().text("ärger").run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: text: has already been taken");
    let err = Word::create().text("Ärger").run(d).unwrap_err();
    assert_eq!(err.message_for("text"), Some("has already been taken"));
    // `char::to_lowercase`, character by character: ß stays ß (it is not
    // "ss"), and the dotless ı is no i.
    Word::create().text("STRASSE").run(d).unwrap();
    Word::create().text("straße").run(d).unwrap();
    let err = Word::create().text("STRAßE").run(d).unwrap_err();
    assert_eq!(err.message_for("text"), Some("has already been taken"));
    Word::create().text("ıi").run(d).unwrap();
    Word::create().text("II").run(d).unwrap();
    let err = Word::create().text("ii").run(d).unwrap_err();
    assert_eq!(err.message_for("text"), Some("has already been taken"));
    Word::create().text("İI").run(d).unwrap();
    let found = Word::get_by_unique_text(d, CiString::from("äRGER")).unwrap();
    assert_eq!(found.id, first.id);
}

fn texts(words: Vec<Word>) -> Vec<String> {
    words.into_iter().map(|w| w.text.into_string()).collect()
}

fn ci_strings_sort_and_compare_by_unicode_lowercase(d: &Domain) {
    for text in ["Éz", "éa", "apfel", "Zebra", "ÄRGER", "Österreich"] {
        Word::create().text(text).run(d).unwrap();
    }
    // By the lowercase of each character: a < z < ä < é < ö.
    let sorted = texts(Word::read().sort(word::text.asc()).run(d).unwrap());
    assert_eq!(sorted, ["apfel", "Zebra", "ÄRGER", "éa", "Éz", "Österreich"]);
    let read = |query: resource::Query<Word>| {
        let mut found = texts(query.run(d).unwrap());
        found.sort();
        found
    };
    assert_eq!(read(Word::read().filter(expr!(text == "ärger"))), ["ÄRGER"]);
    assert_eq!(read(Word::read().filter(expr!(text in ["ÖSTERREICH", "éZ"]))), ["Éz", "Österreich"]);
    assert_eq!(read(Word::read().filter(expr!(text > "ä" && text < "ö"))), ["ÄRGER", "Éz", "éa"]);
    assert_eq!(read(Word::read().filter(expr!(ilike(text, "%ÉA%")))), ["éa"]);
    assert_eq!(read(Word::read().filter(expr!(contains(text, "RRE")))), ["Österreich"]);
    assert_eq!(read(Word::read().filter(expr!(string_starts_with(text, "ö")))), ["Österreich"]);
    assert_eq!(read(Word::read().filter(expr!(lower(text) == "ärger"))), ["ÄRGER"]);
    assert_eq!(read(Word::read().filter(expr!(upper(text) == "ÉA"))), ["éa"]);
}

fn strings_with_nul_characters_match_alike(d: &Domain) {
    let nul = Word::create().text("a\0b").note("x\0y%z").run(d).unwrap();
    Word::create().text("a").note("x").run(d).unwrap();
    // Stored and read back exactly.
    let back = Word::get_by_unique_text(d, CiString::from("A\0B")).unwrap();
    assert_eq!((back.id, back.text.as_str(), back.note.as_deref()), (nul.id, "a\0b", Some("x\0y%z")));
    let read = |query: resource::Query<Word>| {
        let mut found: Vec<String> = query.run(d).unwrap().into_iter().filter_map(|w| w.note).collect();
        found.sort();
        found
    };
    // SQLite's own `LIKE` and `length` stop at the NUL: "x\0y%z" LIKE "x" would match.
    assert_eq!(read(Word::read().filter(expr!(like(note, "x")))), ["x"]);
    assert_eq!(read(Word::read().filter(expr!(like(note, "x%")))), ["x", "x\0y%z"]);
    assert_eq!(read(Word::read().filter(expr!(like(note, "x_y%")))), ["x\0y%z"]);
    assert_eq!(read(Word::read().filter(expr!(ilike(note, "X\0Y%")))), ["x\0y%z"]);
    assert_eq!(read(Word::read().filter(expr!(length(note) == 5))), ["x\0y%z"]);
    assert_eq!(read(Word::read().filter(expr!(contains(note, "\0y")))), ["x\0y%z"]);
    assert_eq!(read(Word::read().filter(expr!(string_starts_with(note, "x\0")))), ["x\0y%z"]);
    assert_eq!(read(Word::read().filter(expr!(string_ends_with(note, "\0y%z")))), ["x\0y%z"]);
    assert_eq!(read(Word::read().filter(expr!(string_ends_with(text, "\0B")))), ["x\0y%z"]);
    assert_eq!(read(Word::read().filter(expr!(note == "x"))), ["x"]);
}
