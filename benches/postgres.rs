//! The PostgreSQL layer vs the `postgres` crate by hand, in the same run,
//! on the same schema (issue 13's benchmark; target: at most 1.2x raw).
//!
//! `RESOURCE_TEST_POSTGRES_URL=.. cargo bench --features postgres --bench postgres`
//! (or `scripts/postgres-test.sh` for a server; without the variable the
//! bench says so and stops). Each side has a schema of its own with the
//! table our layer creates (`Postgres::create_schema`); the raw side is
//! one `postgres::Client` with prepared statements, values bound as our
//! layer stores them, rows mapped with `row.get` into a struct of the
//! record's Rust types. Each of 21 rounds alternates ours and raw slice by
//! slice (10 slices of 100 creates, gets, or 2 reads; 2 bulks of 2000), so
//! that both sides of a round share the machine's noise; the result is the
//! median of the per-round ratios.
//!
//! To keep the client and the server off each other's CPU, pin them
//! (the server inherits the script's affinity):
//! `taskset -c 1 scripts/postgres-test.sh --run taskset -c 0 cargo bench --features postgres --bench postgres`.
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

/// Rounds; the result is the median of their ratios.
const ROUNDS: usize = 21;
/// Slices per round: ours and raw alternate slice by slice (who goes first
/// alternating too), so that both sides of a round share its noise.
const SLICES: usize = 10;
/// A bulk is long enough to be a slice of its own: fewer per round.
const BULK_SLICES: usize = 2;
/// Single creates, gets per slice.
const SINGLE: usize = 100;
/// Rows per bulk; one bulk per slice.
const BULK: usize = 2_000;
/// Filtered reads per slice.
const READS: usize = 2;

/// One side's work for a slice (round, slice).
type Side<'a> = dyn FnMut(usize, usize) + 'a;

struct Timing {
    ours: f64,
    raw: f64,
    ratio: f64,
    /// The per-round ratios' quartiles: how much the rounds agree.
    spread: (f64, f64),
}

fn median(samples: &[f64]) -> f64 {
    quantile(samples, 0.5)
}

fn quantile(samples: &[f64], q: f64) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

/// A warm-up, then `ROUNDS` rounds of `slices` slices of `ours` and `raw`
/// alternately, in nanoseconds per operation (`ops` per slice). Each call
/// gets the round and the slice, to name what it creates.
fn compare(slices: usize, ops: usize, mut ours: impl FnMut(usize, usize), mut raw: impl FnMut(usize, usize)) -> Timing {
    let time = |f: &mut dyn FnMut(usize, usize), round: usize, slice: usize| {
        let start = Instant::now();
        f(round, slice);
        start.elapsed().as_nanos() as f64
    };
    // `RESOURCE_BENCH_SIDE=ours` (or `raw`): one side only, for a profiler.
    let side = std::env::var("RESOURCE_BENCH_SIDE").unwrap_or_default();
    let mut skip = |_: usize, _: usize| {};
    let (ours, raw): (&mut Side, &mut Side) = match side.as_str() {
        "ours" => (&mut ours, &mut skip),
        "raw" => (&mut skip, &mut raw),
        _ => (&mut ours, &mut raw),
    };
    ours(0, 0);
    raw(0, 0);
    let (mut a, mut b, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 1..=ROUNDS {
        let (mut x, mut y) = (0.0, 0.0);
        for slice in 0..slices {
            if (round + slice) % 2 == 0 {
                x += time(ours, round, slice);
                y += time(raw, round, slice);
            } else {
                y += time(raw, round, slice);
                x += time(ours, round, slice);
            }
        }
        let per_op = (ops * slices) as f64;
        a.push(x / per_op);
        b.push(y / per_op);
        ratios.push(x / y);
    }
    let spread = (quantile(&ratios, 0.25), quantile(&ratios, 0.75));
    Timing { ours: median(&a), raw: median(&b), ratio: median(&ratios), spread }
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
    // `RESOURCE_BENCH_LINES=create,bulk,get,read`: some lines only (for a
    // profiler); get and read look for what the creates wrote.
    let only = std::env::var("RESOURCE_BENCH_LINES").unwrap_or_default();
    let wanted = |line: &str| only.is_empty() || only.split(',').any(|l| l.trim() == line);

    if wanted("create") {
        let timing = compare(
            SLICES,
            SINGLE,
            |round, slice| {
                for i in 0..SINGLE {
                    let name = format!("single-{round}-{slice}-{i}");
                    black_box(Product::create().name(name).price(price).stock(i as i64).run(&shop).unwrap());
                }
            },
            |round, slice| {
                for i in 0..SINGLE {
                    black_box(raw_insert(&mut raw, &insert, &format!("single-{round}-{slice}-{i}"), price, i as i64));
                }
            },
        );
        lines.push(("create, 1 txn per row", timing));
    }

    if wanted("bulk") {
        let timing = compare(
            BULK_SLICES,
            BULK,
            |round, slice| {
                let changesets = (0..BULK)
                    .map(|i| Product::create().name(format!("bulk-{round}-{slice}-{i}")).price(price).changeset(&shop));
                black_box(shop.bulk_create(changesets).unwrap());
            },
            |round, slice| {
                let mut tx = raw.transaction().expect("begin");
                let created: Vec<RawProduct> = (0..BULK)
                    .map(|i| raw_insert(&mut tx, &insert, &format!("bulk-{round}-{slice}-{i}"), price, 0))
                    .collect();
                tx.commit().expect("commit");
                black_box(created);
            },
        );
        lines.push(("bulk create, 1 txn", timing));
    }

    let names: Vec<String> = (0..SINGLE).map(|i| format!("single-1-0-{i}")).collect();
    let by_name = raw.prepare(&format!(r#"{SELECT} WHERE "name" = $1"#)).expect("prepare");
    if wanted("get") {
        let timing = compare(
            SLICES,
            SINGLE,
            |_, _| {
                for name in &names {
                    black_box(Product::get_by_unique_name(&shop, name.as_str()).unwrap());
                }
            },
            |_, _| {
                for name in &names {
                    black_box(raw_row(&raw.query_one(&by_name, &[name]).unwrap()));
                }
            },
        );
        lines.push(("get by identity", timing));
    }

    // Stock 0..SINGLE from the single creates, 0 from the bulk ones: 9 of
    // each slice's single creates (~2k rows).
    let limit = 10_i64;
    let filtered = raw.prepare(&format!(r#"{SELECT} WHERE "stock" < $1 AND "stock" > 0"#)).expect("prepare");
    if wanted("read") {
        let timing = compare(
            SLICES,
            READS,
            |_, _| {
                for _ in 0..READS {
                    black_box(Product::read().filter(expr!(stock < ^limit && stock > 0)).run(&shop).unwrap());
                }
            },
            |_, _| {
                for _ in 0..READS {
                    let rows = raw.query(&filtered, &[&limit]).unwrap();
                    black_box(rows.iter().map(raw_row).collect::<Vec<_>>());
                }
            },
        );
        lines.push(("filtered read", timing));
    }

    println!(
        "postgres layer vs the postgres crate by hand: median time per operation (a create, a bulk's row, a get, a read), \
         median per-round ratio ({ROUNDS} rounds)"
    );
    println!(
        "{:<24} {:>10} {:>10} {:>7} {:>13} {:>7}",
        "operation", "ours us", "raw us", "ratio", "quartiles", "target"
    );
    for (label, Timing { ours, raw, ratio, spread: (low, high) }) in lines {
        let verdict = if ratio > 1.2 { "  missed" } else { "" };
        println!(
            "{label:<24} {:>10.2} {:>10.2} {ratio:>6.2}x {low:>5.2}-{high:<5.2}x  <=1.2x{verdict}",
            ours / 1000.0,
            raw / 1000.0
        );
    }
    let _ = ours.drop_schema();
    let _ = raw_schema.drop_schema();
}
