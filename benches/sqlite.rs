//! The SQLite layer vs raw rusqlite, in the same run, on the same schema.
//!
//! `cargo bench --bench sqlite` prints, for each operation, the median time
//! per row of both, the median of the per-round ratios and the target ratio.
//! Ratios, not absolute times, are the result: the machines are noisy, but
//! each round times ours and raw back to back, so a pair shares the noise.
//! `cargo bench --bench sqlite -- read` runs only the phases named (`create`,
//! `bulk`, `txn`, `update`, `destroy`, `read`), e.g. under `valgrind --tool=callgrind`.
//!
//! Both sides use a database file in a temp dir opened the same way (WAL,
//! `synchronous = NORMAL`, the `decimal` collation), with the table our layer
//! creates: every phase opens a fresh pair of files, ours through
//! `Sqlite::create_schema`, raw from the same DDL. The raw side is plain
//! rusqlite as its documentation writes it: one cached prepared statement,
//! values bound as our storage mapping stores them (uuid and decimal as
//! text), rows mapped with `row.get` into a struct of the same Rust types as
//! the record (plus, for the read, a stricter loop that parses borrowed text).
//!
//! | operation | ours | raw |
//! |---|---|---|
//! | create, 1 txn per row | `Product::create()..run(&domain)`: cast, validate, identity (unique index), `BEGIN IMMEDIATE`, `INSERT`, `COMMIT`, typed record | autocommit `INSERT` |
//! | get by identity | `Product::get_by_unique_name` | `SELECT .. WHERE "name" = ?` |
//! | get by primary key | `Product::get` | `SELECT .. WHERE "id" = ?`, prepared once per 1k gets (the next line: looked up in rusqlite's statement cache per get) |
//! | bulk create | `Domain::bulk_create` of 10k changesets | 10k `INSERT`s in one transaction |
//! | 10k creates in `transaction()` | 10k create actions in `Domain::transaction` (a savepoint each) | the same as bulk |
//! | 10k updates in `transaction()` | 10k update actions (`stock`) in `Domain::transaction` | 10k `UPDATE .. WHERE "id" = ?` in one transaction, the record handed back |
//! | 10k destroys in `transaction()` | 10k destroy actions in `Domain::transaction` | 10k `DELETE .. WHERE "id" = ?` in one transaction |
//! | filtered read | `Product::read().filter(expr!(stock < ^limit)).run(..)`, 10k of 20k rows | `SELECT .. WHERE "stock" < ?` into a struct |

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Instant;

use resource::data_layer::sqlite::rusqlite::{self, Connection, params};
use resource::data_layer::sqlite::{register_functions, schema};
use resource::prelude::*;
use resource::{Resource, SqliteOptions};

mod common;

use common::{Product, RawProduct};

/// Rounds of the writes (each writes new rows) and of the reads.
const WRITE_ROUNDS: usize = 5;
const READ_ROUNDS: usize = 21;
/// Rows per round of single creates (one transaction each: about 30 us).
const SINGLE: usize = 1_000;
/// Rows per bulk create, and rows a filtered read returns.
const BULK: usize = 10_000;

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// One warm-up round, then `rounds` rounds; each round runs `ours` and
/// `raw` back to back (given the round number) and records nanoseconds per
/// row. Returns the median of each side and the median of the per-round
/// ratios (pairs that ran together share the machine's noise).
fn compare(rows: usize, rounds: usize, mut ours: impl FnMut(usize), mut raw: impl FnMut(usize)) -> Timing {
    let time = |f: &mut dyn FnMut(usize), round: usize| {
        let start = Instant::now();
        f(round);
        start.elapsed().as_nanos() as f64 / rows as f64
    };
    ours(0);
    raw(0);
    let (mut a, mut b, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 1..=rounds {
        // Alternate who goes first, so neither always runs on a warmer cache.
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

struct Timing {
    ours: f64,
    raw: f64,
    ratio: f64,
}

/// A fresh pair of database files: ours (tables created through the layer)
/// and raw (the same DDL, the same pragmas, the `decimal` collation).
fn open_pair(dir: &Path, phase: &str) -> (Domain, Connection) {
    let ours = Sqlite::open_with(dir.join(format!("{phase}-ours.db")), SqliteOptions::file().create_schema(true))
        .expect("our database");
    let domain = Domain::new().with_sqlite(ours).register::<Product>().build().expect("the domain");
    let raw = Connection::open(dir.join(format!("{phase}-raw.db"))).expect("the raw database");
    register_functions(&raw).expect("the collations and functions");
    let _: String = raw.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0)).expect("WAL");
    raw.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;").expect("pragmas");
    for sql in schema::create_statements(Product::info(), true).expect("the DDL") {
        raw.execute_batch(&sql).expect("the raw schema");
    }
    (domain, raw)
}

const INSERT: &str = r#"INSERT INTO "products" ("id", "name", "price", "stock") VALUES (?1, ?2, ?3, ?4)"#;

/// What the raw side does per row: generate the key, check the name as our
/// constraint does, bind, insert, and hand back the struct.
fn raw_insert(conn: &Connection, name: &str, price: Decimal, stock: i64) -> RawProduct {
    let name = name.trim();
    assert!(!name.is_empty() && name.chars().count() <= 100 && price >= Decimal::ZERO);
    let id = Uuid::new_v4();
    let mut statement = conn.prepare_cached(INSERT).expect("prepare");
    statement.execute(params![id.hyphenated().to_string(), name, price.to_string(), stock]).expect("the raw insert");
    RawProduct { id, name: name.to_string(), price, stock }
}

/// The raw side's update: one column set by primary key, the record handed back.
fn raw_update(conn: &Connection, product: &RawProduct, stock: i64) -> RawProduct {
    let sql = r#"UPDATE "products" SET "stock" = ?1 WHERE "id" = ?2"#;
    let mut statement = conn.prepare_cached(sql).expect("prepare");
    assert_eq!(statement.execute(params![stock, product.id.hyphenated().to_string()]).expect("the raw update"), 1);
    RawProduct { id: product.id, name: product.name.clone(), price: product.price, stock }
}

/// `blocks` blocks of BULK rows stored on both sides (ours through
/// `bulk_create`), as records.
fn fill_both(shop: &Domain, raw: &mut Connection, phase: &str, blocks: usize) -> Vec<(Vec<Product>, Vec<RawProduct>)> {
    let price = dec!(1.50);
    (0..blocks)
        .map(|block| {
            let name = |i: usize| format!("{phase}-{block}-{i}");
            let ours =
                shop.bulk_create((0..BULK).map(|i| Product::create().name(name(i)).price(price).changeset(shop)));
            let tx = raw.transaction().expect("begin");
            let theirs = (0..BULK).map(|i| raw_insert(&tx, &name(i), price, 0)).collect();
            tx.commit().expect("commit");
            (ours.expect("the fixture"), theirs)
        })
        .collect()
}

fn raw_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<RawProduct> {
    let id: String = row.get(0)?;
    let price: String = row.get(2)?;
    Ok(RawProduct {
        id: Uuid::parse_str(&id).expect("a uuid"),
        name: row.get(1)?,
        price: Decimal::from_str(&price).expect("a decimal"),
        stock: row.get(3)?,
    })
}

/// `raw_row` without the two temporary `String`s.
fn raw_row_borrowed(row: &rusqlite::Row<'_>) -> rusqlite::Result<RawProduct> {
    Ok(RawProduct {
        id: Uuid::parse_str(row.get_ref(0)?.as_str()?).expect("a uuid"),
        name: row.get(1)?,
        price: Decimal::from_str(row.get_ref(2)?.as_str()?).expect("a decimal"),
        stock: row.get(3)?,
    })
}

struct Line {
    label: &'static str,
    unit: &'static str,
    timing: Timing,
    target: Option<f64>,
}

fn main() {
    let dir = std::env::temp_dir().join(format!("resource-bench-sqlite-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let _cleanup = Cleanup(dir.clone());
    let price = dec!(1.50);
    let mut lines = Vec::new();
    // `cargo bench --bench sqlite -- read` runs only the phases named (create,
    // bulk, txn, read), e.g. under a profiler.
    let only: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let run = |phase: &str| only.is_empty() || only.iter().any(|o| o == phase);

    // 1. One create per action, each its own transaction (autocommit for raw).
    if run("create") {
        let (shop, raw) = open_pair(&dir, "single");
        let timing = compare(
            SINGLE,
            WRITE_ROUNDS,
            |round| {
                for i in 0..SINGLE {
                    let name = format!("single-{round}-{i}");
                    black_box(Product::create().name(name).price(price).stock(i as i64).run(&shop).unwrap());
                }
            },
            |round| {
                for i in 0..SINGLE {
                    let name = format!("single-{round}-{i}");
                    black_box(raw_insert(&raw, &name, price, i as i64));
                }
            },
        );
        lines.push(Line { label: "create, 1 txn per row", unit: "us/row", timing, target: Some(1.15) });

        // Get by identity (the unique name), on the rows just created.
        let names: Vec<String> = (0..SINGLE).map(|i| format!("single-1-{i}")).collect();
        let timing = compare(
            SINGLE,
            READ_ROUNDS,
            |_| {
                for name in &names {
                    black_box(Product::get_by_unique_name(&shop, name.as_str()).unwrap());
                }
            },
            |_| {
                let sql = r#"SELECT "id", "name", "price", "stock" FROM "products" WHERE "name" = ?1"#;
                let mut statement = raw.prepare_cached(sql).expect("prepare");
                for name in &names {
                    black_box(statement.query_row([name], raw_row).unwrap());
                }
            },
        );
        lines.push(Line { label: "get by identity", unit: "us/op", timing, target: Some(1.05) });

        // Get by primary key, on the same rows (raw binds the uuid as text, as our codec stores it).
        let ids: Vec<Uuid> = names.iter().map(|n| Product::get_by_unique_name(&shop, n.as_str()).unwrap().id).collect();
        let raw_ids: Vec<String> = names
            .iter()
            .map(|n| raw.query_row(r#"SELECT "id" FROM "products" WHERE "name" = ?1"#, [n], |row| row.get(0)).unwrap())
            .collect();
        let timing = compare(
            SINGLE,
            READ_ROUNDS,
            |_| {
                for &id in &ids {
                    black_box(Product::get(&shop, id).unwrap());
                }
            },
            |_| {
                let sql = r#"SELECT "id", "name", "price", "stock" FROM "products" WHERE "id" = ?1"#;
                let mut statement = raw.prepare_cached(sql).expect("prepare");
                for id in &raw_ids {
                    let id = Uuid::parse_str(id).expect("a uuid");
                    black_box(statement.query_row([id.hyphenated().to_string()], raw_row).unwrap());
                }
            },
        );
        lines.push(Line { label: "get by primary key", unit: "us/op", timing, target: Some(1.05) });
        // The same gets against raw code that looks its statement up in
        // rusqlite's cache per get, as a request handler does (and as we do:
        // a statement cannot outlive its connection's borrow).
        let timing = compare(
            SINGLE,
            READ_ROUNDS,
            |_| {
                for &id in &ids {
                    black_box(Product::get(&shop, id).unwrap());
                }
            },
            |_| {
                let sql = r#"SELECT "id", "name", "price", "stock" FROM "products" WHERE "id" = ?1"#;
                for id in &raw_ids {
                    let id = Uuid::parse_str(id).expect("a uuid");
                    let mut statement = raw.prepare_cached(sql).expect("prepare");
                    black_box(statement.query_row([id.hyphenated().to_string()], raw_row).unwrap());
                }
            },
        );
        lines.push(Line { label: "  same, raw prepares per get", unit: "us/op", timing, target: None });
    }

    // 2. A bulk create of BULK rows in one transaction.
    if run("bulk") {
        let (shop, mut raw) = open_pair(&dir, "bulk");
        let timing = compare(
            BULK,
            WRITE_ROUNDS,
            |round| {
                let created = shop
                    .bulk_create(
                        (0..BULK)
                            .map(|i| Product::create().name(format!("bulk-{round}-{i}")).price(price).changeset(&shop)),
                    )
                    .unwrap();
                black_box(created);
            },
            |round| {
                let tx = raw.transaction().expect("begin");
                let created: Vec<RawProduct> =
                    (0..BULK).map(|i| raw_insert(&tx, &format!("bulk-{round}-{i}"), price, 0)).collect();
                tx.commit().expect("commit");
                black_box(created);
            },
        );
        lines.push(Line { label: "bulk create, 10k in 1 txn", unit: "us/row", timing, target: Some(1.2) });
    }

    // The same rows, as 10k create actions inside `Domain::transaction`.
    if run("txn") {
        let (shop, mut raw) = open_pair(&dir, "txn");
        let timing = compare(
            BULK,
            WRITE_ROUNDS,
            |round| {
                let created = shop.transaction(|| {
                    (0..BULK)
                        .map(|i| Product::create().name(format!("txn-{round}-{i}")).price(price).run(&shop))
                        .collect::<Result<Vec<_>, _>>()
                });
                black_box(created.unwrap());
            },
            |round| {
                let tx = raw.transaction().expect("begin");
                let created: Vec<RawProduct> =
                    (0..BULK).map(|i| raw_insert(&tx, &format!("txn-{round}-{i}"), price, 0)).collect();
                tx.commit().expect("commit");
                black_box(created);
            },
        );
        lines.push(Line { label: "10k creates in transaction()", unit: "us/row", timing, target: Some(1.3) });
    }

    // 10k update actions in one `Domain::transaction`, on 10k stored rows.
    if run("update") {
        let (shop, mut raw) = open_pair(&dir, "update");
        let ours_rows = fill_both(&shop, &mut raw, "update", 1);
        let (records, raw_records) = (&ours_rows[0].0, &ours_rows[0].1);
        let timing = compare(
            BULK,
            WRITE_ROUNDS,
            |round| {
                let updated = shop.transaction(|| {
                    records.iter().map(|p| p.update().stock(round as i64).run(&shop)).collect::<Result<Vec<_>, _>>()
                });
                black_box(updated.unwrap());
            },
            |round| {
                let tx = raw.transaction().expect("begin");
                let updated: Vec<RawProduct> = raw_records.iter().map(|p| raw_update(&tx, p, round as i64)).collect();
                tx.commit().expect("commit");
                black_box(updated);
            },
        );
        lines.push(Line { label: "10k updates in transaction()", unit: "us/row", timing, target: Some(1.25) });
    }

    // 10k destroy actions in one `Domain::transaction`: each round its own
    // block of stored rows (the warm-up round's too).
    if run("destroy") {
        let (shop, mut raw) = open_pair(&dir, "destroy");
        let blocks = fill_both(&shop, &mut raw, "destroy", WRITE_ROUNDS + 1);
        let timing = compare(
            BULK,
            WRITE_ROUNDS,
            |round| {
                let records = &blocks[round].0;
                let destroyed = shop.transaction(|| records.iter().try_for_each(|p| p.destroy().run(&shop)));
                destroyed.unwrap();
            },
            |round| {
                let tx = raw.transaction().expect("begin");
                let mut statement = tx.prepare_cached(r#"DELETE FROM "products" WHERE "id" = ?1"#).expect("prepare");
                for p in &blocks[round].1 {
                    assert_eq!(statement.execute([p.id.hyphenated().to_string()]).expect("the raw delete"), 1);
                }
                drop(statement);
                tx.commit().expect("commit");
            },
        );
        lines.push(Line { label: "10k destroys in transaction()", unit: "us/row", timing, target: Some(1.25) });
    }

    // 3. A filtered read returning BULK of 2 * BULK rows, into typed records.
    if run("read") {
        let (shop, mut raw) = open_pair(&dir, "read");
        let rows = || (0..2 * BULK).map(|i| (format!("read-{i}"), Decimal::from(i % 100) / dec!(4), i as i64));
        shop.bulk_create(
            rows().map(|(name, price, stock)| Product::create().name(name).price(price).stock(stock).changeset(&shop)),
        )
        .unwrap();
        let tx = raw.transaction().expect("begin");
        for (name, price, stock) in rows() {
            raw_insert(&tx, &name, price, stock);
        }
        tx.commit().expect("commit");
        let limit = BULK as i64;
        let timing = compare(
            BULK,
            READ_ROUNDS,
            |_| {
                let found = Product::read().filter(expr!(stock < ^limit)).run(&shop).unwrap();
                assert_eq!(found.len(), BULK);
                black_box(found);
            },
            |_| {
                let sql = r#"SELECT "id", "name", "price", "stock" FROM "products" WHERE "stock" < ?1"#;
                let mut statement = raw.prepare_cached(sql).expect("prepare");
                let found: Vec<RawProduct> =
                    statement.query_map([limit], raw_row).unwrap().collect::<rusqlite::Result<_>>().unwrap();
                assert_eq!(found.len(), BULK);
                black_box(found);
            },
        );
        lines.push(Line { label: "filtered read, 10k rows", unit: "us/row", timing, target: Some(1.05) });
        // The same read against a stricter raw loop that parses the id and
        // price from borrowed text instead of `String`s.
        let timing = compare(
            BULK,
            READ_ROUNDS,
            |_| {
                black_box(Product::read().filter(expr!(stock < ^limit)).run(&shop).unwrap());
            },
            |_| {
                let sql = r#"SELECT "id", "name", "price", "stock" FROM "products" WHERE "stock" < ?1"#;
                let mut statement = raw.prepare_cached(sql).expect("prepare");
                let found = statement.query_map([limit], raw_row_borrowed).unwrap();
                black_box(found.collect::<rusqlite::Result<Vec<_>>>().unwrap());
            },
        );
        lines.push(Line { label: "  same, raw borrows &str", unit: "us/row", timing, target: None });
    }

    println!(
        "sqlite layer vs raw rusqlite (file, WAL, synchronous NORMAL): median time per row, \
         median of the per-round ratios ({WRITE_ROUNDS} rounds of writes, {READ_ROUNDS} of reads)"
    );
    println!("{:<30} {:>7} {:>9} {:>9} {:>7} {:>7}", "operation", "unit", "ours", "raw", "ratio", "target");
    for Line { label, unit, timing: Timing { ours, raw, ratio }, target } in lines {
        let verdict = match target {
            Some(t) if ratio > t => "  missed",
            _ => "",
        };
        let target = target.map_or("-".to_string(), |t| format!("<={t}x"));
        let (ours, raw) = (ours / 1000.0, raw / 1000.0);
        println!("{label:<30} {unit:>7} {ours:>9.2} {raw:>9.2} {ratio:>6.2}x {target:>7}{verdict}");
    }
}

/// Removes the temp dir (databases, WAL and shm files) at the end.
struct Cleanup(PathBuf);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
