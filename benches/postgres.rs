//! The PostgreSQL layer vs the `postgres` crate by hand, in the same run,
//! on the same schema (issue 13's benchmark; target: at most 1.2x raw).
//!
//! `RESOURCE_TEST_POSTGRES_URL=.. cargo bench --features postgres --bench postgres`
//! (or `scripts/postgres-test.sh` for a server; without the variable the
//! bench says so and stops). Each side has a schema of its own with the
//! table our layer creates (`Postgres::create_schema`); the raw side is
//! one `postgres::Client` with prepared statements, values bound as our
//! layer stores them, rows mapped with `row.get` into a struct of the
//! record's Rust types. Each round times ours and raw back to back, so a
//! pair shares the machine's noise; the result is the median per-round ratio.
//!
//! | operation | ours | raw |
//! |---|---|---|
//! | create, 1 txn per row | `Product::create()..run(&domain)` (an action's transaction, its advisory lock, `INSERT .. RETURNING` under a savepoint, `COMMIT`) | autocommit `INSERT` |
//! | bulk create | `Domain::bulk_create` of the rows | the `INSERT`s in one transaction |
//! | get by identity | `Product::get_by_unique_name` | `SELECT .. WHERE "name" = $1` |
//! | filtered read | `Product::read().filter(expr!(stock < ^limit))` | `SELECT .. WHERE "stock" < $1` |

use std::hint::black_box;
use std::time::Instant;

use resource::data_layer::postgres::postgres;
use resource::prelude::*;
use resource::{Postgres, PostgresOptions, Resource};

mod common;

use common::{Product, RawProduct};

const ROUNDS: usize = 11;
const SINGLE: usize = 300;
const BULK: usize = 2_000;

struct Timing {
    ours: f64,
    raw: f64,
    ratio: f64,
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// A warm-up, then `ROUNDS` rounds of `ours` and `raw` back to back
/// (alternating who goes first), in nanoseconds per row.
fn compare(rows: usize, mut ours: impl FnMut(usize), mut raw: impl FnMut(usize)) -> Timing {
    let time = |f: &mut dyn FnMut(usize), round: usize| {
        let start = Instant::now();
        f(round);
        start.elapsed().as_nanos() as f64 / rows as f64
    };
    ours(0);
    raw(0);
    let (mut a, mut b, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 1..=ROUNDS {
        let (x, y) = if round % 2 == 0 {
            (time(&mut ours, round), time(&mut raw, round))
        } else {
            let y = time(&mut raw, round);
            (time(&mut ours, round), y)
        };
        a.push(x);
        b.push(y);
        ratios.push(x / y);
    }
    Timing { ours: median(a), raw: median(b), ratio: median(ratios) }
}

/// A schema of its own with the products table; dropped at the end.
fn schema(url: &str, name: &str) -> Postgres {
    let db = Postgres::connect_with(url, PostgresOptions::default().schema(name)).expect("the server");
    db.drop_schema().expect("a fresh schema");
    let db = Postgres::connect_with(url, PostgresOptions::default().schema(name)).expect("the server");
    db.create_schema([Product::info()]).expect("the products table");
    db
}

fn raw_client(url: &str, schema: &str) -> postgres::Client {
    let mut config: postgres::Config = url.parse().expect("the URL");
    config.options(&format!("-c search_path={schema} -c TimeZone=UTC"));
    config.connect(postgres::NoTls).expect("the raw connection")
}

const INSERT: &str = r#"INSERT INTO "products" ("id", "name", "price", "stock") VALUES ($1, $2, $3, $4)"#;
const SELECT: &str = r#"SELECT "id", "name", "price", "stock" FROM "products""#;

fn raw_row(row: &postgres::Row) -> RawProduct {
    RawProduct { id: row.get(0), name: row.get(1), price: row.get(2), stock: row.get(3) }
}

/// What the raw side does per row: generate the key, trim the name as our
/// constraint does, bind, insert, and hand back the struct.
fn raw_insert<C: postgres::GenericClient>(
    client: &mut C,
    insert: &postgres::Statement,
    name: &str,
    price: Decimal,
    stock: i64,
) -> RawProduct {
    let product = RawProduct { id: Uuid::new_v4(), name: name.trim().to_string(), price, stock };
    client.execute(insert, &[&product.id, &product.name, &product.price, &product.stock]).expect("insert");
    product
}

fn main() {
    let Some(url) = std::env::var("RESOURCE_TEST_POSTGRES_URL").ok().filter(|u| !u.is_empty()) else {
        eprintln!("set RESOURCE_TEST_POSTGRES_URL (scripts/postgres-test.sh starts a server) to run this bench");
        return;
    };
    let (ours_name, raw_name) =
        (format!("bench_ours_{}", std::process::id()), format!("bench_raw_{}", std::process::id()));
    let ours = schema(&url, &ours_name);
    let raw_schema = schema(&url, &raw_name);
    let shop = Domain::new().with_data_layer(ours.clone()).register::<Product>().build().expect("the domain");
    let mut raw = raw_client(&url, &raw_name);
    let insert = raw.prepare(INSERT).expect("prepare");
    let price = dec!(1.50);
    let mut lines: Vec<(&str, Timing)> = Vec::new();

    let timing = compare(
        SINGLE,
        |round| {
            for i in 0..SINGLE {
                let name = format!("single-{round}-{i}");
                black_box(Product::create().name(name).price(price).stock(i as i64).run(&shop).unwrap());
            }
        },
        |round| {
            for i in 0..SINGLE {
                black_box(raw_insert(&mut raw, &insert, &format!("single-{round}-{i}"), price, i as i64));
            }
        },
    );
    lines.push(("create, 1 txn per row", timing));

    let timing = compare(
        BULK,
        |round| {
            let changesets =
                (0..BULK).map(|i| Product::create().name(format!("bulk-{round}-{i}")).price(price).changeset(&shop));
            black_box(shop.bulk_create(changesets).unwrap());
        },
        |round| {
            let mut tx = raw.transaction().expect("begin");
            let created: Vec<RawProduct> =
                (0..BULK).map(|i| raw_insert(&mut tx, &insert, &format!("bulk-{round}-{i}"), price, 0)).collect();
            tx.commit().expect("commit");
            black_box(created);
        },
    );
    lines.push(("bulk create, 1 txn", timing));

    let names: Vec<String> = (0..SINGLE).map(|i| format!("single-1-{i}")).collect();
    let by_name = raw.prepare(&format!(r#"{SELECT} WHERE "name" = $1"#)).expect("prepare");
    let timing = compare(
        SINGLE,
        |_| {
            for name in &names {
                black_box(Product::get_by_unique_name(&shop, name.as_str()).unwrap());
            }
        },
        |_| {
            for name in &names {
                black_box(raw_row(&raw.query_one(&by_name, &[name]).unwrap()));
            }
        },
    );
    lines.push(("get by identity", timing));

    // Stock 0..SINGLE from the single creates, 0 from the bulk ones: half
    // of the single creates' rows.
    let limit = (SINGLE / 2) as i64;
    let filtered = raw.prepare(&format!(r#"{SELECT} WHERE "stock" < $1 AND "stock" > 0"#)).expect("prepare");
    let timing = compare(
        SINGLE,
        |_| {
            black_box(Product::read().filter(expr!(stock < ^limit && stock > 0)).run(&shop).unwrap());
        },
        |_| {
            let rows = raw.query(&filtered, &[&limit]).unwrap();
            black_box(rows.iter().map(raw_row).collect::<Vec<_>>());
        },
    );
    lines.push(("filtered read", timing));

    println!(
        "postgres layer vs the postgres crate by hand: median time per row, median per-round ratio ({ROUNDS} rounds)"
    );
    println!("{:<24} {:>10} {:>10} {:>7} {:>7}", "operation", "ours us", "raw us", "ratio", "target");
    for (label, Timing { ours, raw, ratio }) in lines {
        let verdict = if ratio > 1.2 { "  missed" } else { "" };
        println!("{label:<24} {:>10.2} {:>10.2} {ratio:>6.2}x  <=1.2x{verdict}", ours / 1000.0, raw / 1000.0);
    }
    let _ = ours.drop_schema();
    let _ = raw_schema.drop_schema();
}
