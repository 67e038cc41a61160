//! Concurrent reads on SQLite: the layer vs raw rusqlite, in the same run.
//!
//! `cargo bench --bench sqlite_readers` prints, for N = 1, 2, 4 reader
//! threads, the throughput of gets by primary key through one shared
//! `Domain` and through raw rusqlite with one connection per thread (each on
//! its own identical file), the scaling (throughput at N / at 1) and the
//! ratio ours/raw; then the reads of 2 threads beside one writer thread
//! (create actions in a loop; raw: autocommit `INSERT`s) against the same
//! 2 threads alone, for both sides. Each figure is the median of `ROUNDS`
//! rounds of `WINDOW` each; ours and raw alternate within a round.
//! `cargo bench --bench sqlite_readers -- readers` (or `writer`) runs one part.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use resource::data_layer::sqlite::rusqlite::{Connection, OpenFlags, params};
use resource::data_layer::sqlite::{register_functions, schema};
use resource::prelude::*;
use resource::{Resource, SqliteOptions, Value};

mod common;

use common::{Product, RawProduct};

/// Rows in each database; gets walk them in a per-thread order.
const ROWS: usize = 10_000;
const ROUNDS: usize = 5;
const WINDOW: Duration = Duration::from_millis(400);

const GET: &str = r#"SELECT "id", "name", "price", "stock" FROM "products" WHERE "id" = ?1"#;
const INSERT: &str = r#"INSERT INTO "products" ("id", "name", "price", "stock") VALUES (?1, ?2, ?3, ?4)"#;

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// Opens a raw connection as the layer opens its own (WAL, `synchronous =
/// NORMAL`, the `decimal` collation).
fn raw_connection(path: &Path) -> Connection {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).expect("the raw database");
    register_functions(&conn).expect("the collations and functions");
    conn.busy_timeout(Duration::from_secs(5)).expect("busy timeout");
    let _: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0)).expect("WAL");
    conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;").expect("pragmas");
    conn
}

/// A get by a `Uuid` in hand: bound as our storage mapping stores it
/// (lowercase hyphenated text), the row mapped into the struct.
fn raw_get(conn: &Connection, id: Uuid) -> RawProduct {
    let mut statement = conn.prepare_cached(GET).expect("prepare");
    statement
        .query_row([id.hyphenated().to_string()], |row| {
            Ok(RawProduct {
                id: Uuid::parse_str(row.get_ref(0)?.as_str()?).expect("a uuid"),
                name: row.get(1)?,
                price: Decimal::from_str(row.get_ref(2)?.as_str()?).expect("a decimal"),
                stock: row.get(3)?,
            })
        })
        .expect("the raw get")
}

/// The two databases, filled with the same rows, and their ids.
struct Fixture {
    domain: Domain,
    raw_path: PathBuf,
    /// One per reader thread, kept across rounds (warm, as ours are).
    raw: Vec<Mutex<Connection>>,
    ids: Arc<Vec<Uuid>>,
}

fn fixture(dir: &Path) -> Fixture {
    let ours = Sqlite::open_with(dir.join("ours.db"), SqliteOptions::file().create_schema(true)).expect("our database");
    let domain = Domain::new().with_sqlite(ours.clone()).register::<Product>().build().expect("the domain");
    let price = dec!(1.50);
    let created = domain
        .bulk_create((0..ROWS).map(|i| Product::create().name(format!("p-{i}")).price(price).changeset(&domain)))
        .expect("the rows");
    let ids: Vec<Uuid> = created.iter().map(|p| p.id).collect();
    // Both files start with their rows in the database, not the WAL.
    ours.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").expect("a checkpoint");
    let raw_path = dir.join("raw.db");
    let mut raw = raw_connection(&raw_path);
    for sql in schema::create_statements(Product::info(), true).expect("the DDL") {
        raw.execute_batch(&sql).expect("the raw schema");
    }
    let tx = raw.transaction().expect("begin");
    for (i, id) in ids.iter().enumerate() {
        tx.execute(INSERT, params![id.hyphenated().to_string(), format!("p-{i}"), price.to_string(), 0])
            .expect("a raw row");
    }
    tx.commit().expect("commit");
    raw.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").expect("a raw checkpoint");
    let raw = (0..4).map(|_| Mutex::new(raw_connection(&raw_path))).collect();
    Fixture { domain, raw_path, raw, ids: Arc::new(ids) }
}

/// Runs `threads` readers for `WINDOW` (each built by `reader`, which
/// returns one get per call) and returns the gets per second of all.
fn throughput<F>(threads: usize, reader: impl Fn(usize) -> F + Sync) -> f64
where
    F: FnMut(usize),
{
    let stop = AtomicBool::new(false);
    let start = Instant::now();
    let total: u64 = thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let (stop, reader) = (&stop, &reader);
                scope.spawn(move || {
                    let mut get = reader(t);
                    let mut done = 0u64;
                    // A per-thread stride, so threads do not read in lockstep.
                    let mut i = t * 7919;
                    while !stop.load(Ordering::Relaxed) {
                        get(i);
                        i = i.wrapping_add(31);
                        done += 1;
                    }
                    done
                })
            })
            .collect();
        thread::sleep(WINDOW);
        stop.store(true, Ordering::Relaxed);
        workers.into_iter().map(|w| w.join().expect("a reader")).sum()
    });
    total as f64 / start.elapsed().as_secs_f64()
}

/// One reader thread's get (given a running index).
type Get<'a> = Box<dyn FnMut(usize) + 'a>;

/// Our side: gets by primary key through the shared domain.
fn ours_reader<'a>(f: &'a Fixture) -> impl Fn(usize) -> Get<'a> + Sync + 'a {
    move |_| {
        let (domain, ids) = (&f.domain, f.ids.clone());
        Box::new(move |i| {
            black_box(domain.get::<Product>(vec![Value::Uuid(ids[i % ids.len()])]).expect("a get"));
        })
    }
}

/// The raw side: one connection per thread (thread `t` has the `t`th).
fn raw_reader<'a>(f: &'a Fixture) -> impl Fn(usize) -> Get<'a> + Sync + 'a {
    move |t| {
        let conn = f.raw[t].lock().unwrap_or_else(PoisonError::into_inner);
        let ids = f.ids.clone();
        Box::new(move |i| {
            black_box(raw_get(&conn, ids[i % ids.len()]));
        })
    }
}

/// Stops the writer thread when dropped (also when the readers panic).
struct Writer<'s> {
    stop: &'s AtomicBool,
}

impl Drop for Writer<'_> {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn readers_part(f: &Fixture) {
    let counts = [1usize, 2, 4];
    let (mut ours, mut raw) = (vec![Vec::new(); 3], vec![Vec::new(); 3]);
    // Warm-up: every connection's statement and page caches.
    throughput(4, ours_reader(f));
    throughput(4, raw_reader(f));
    for round in 0..ROUNDS {
        for (k, &n) in counts.iter().enumerate() {
            // Alternate who goes first.
            if round % 2 == 0 {
                ours[k].push(throughput(n, ours_reader(f)));
                raw[k].push(throughput(n, raw_reader(f)));
            } else {
                raw[k].push(throughput(n, raw_reader(f)));
                ours[k].push(throughput(n, ours_reader(f)));
            }
        }
    }
    println!("gets by primary key, N reader threads ({ROUNDS} rounds of {WINDOW:?}, medians; k gets/s)");
    println!(
        "{:>2} {:>9} {:>9} {:>13} {:>12} {:>10} {:>7}",
        "N", "ours", "raw", "ours scaling", "raw scaling", "ours/raw", "target"
    );
    let (ours1, raw1) = (median(ours[0].clone()), median(raw[0].clone()));
    for (k, &n) in counts.iter().enumerate() {
        let (o, r) = (median(ours[k].clone()), median(raw[k].clone()));
        let ratios = ours[k].iter().zip(&raw[k]).map(|(o, r)| o / r).collect();
        let ratio = median(ratios);
        let target = if n > 1 { ">=0.85x" } else { "-" };
        let missed = if n > 1 && ratio < 0.85 { "  missed" } else { "" };
        println!(
            "{n:>2} {:>9.1} {:>9.1} {:>12.2}x {:>11.2}x {ratio:>9.2}x {target:>7}{missed}",
            o / 1000.0,
            r / 1000.0,
            o / ours1,
            r / raw1
        );
    }
}

/// Reads of 2 threads while `write` runs in a loop on a third, per second.
fn beside_writer<'a>(reader: impl Fn(usize) -> Get<'a> + Sync, mut write: impl FnMut(usize) + Send) -> (f64, u64) {
    let stop = AtomicBool::new(false);
    thread::scope(|scope| {
        let writer = scope.spawn(|| {
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                write(i);
                i += 1;
            }
            i as u64
        });
        let reads = {
            let _writer = Writer { stop: &stop };
            throughput(2, reader)
        };
        (reads, writer.join().expect("the writer"))
    })
}

fn writer_part(f: &Fixture) {
    let price = dec!(2.25);
    let (mut ours, mut raw) = (Vec::new(), Vec::new());
    let (mut ours_writes, mut raw_writes) = (0, 0);
    for round in 0..ROUNDS {
        let ours_alone = throughput(2, ours_reader(f));
        let (ours_beside, writes) = beside_writer(ours_reader(f), |i| {
            let name = format!("w-ours-{round}-{i}");
            black_box(Product::create().name(name).price(price).run(&f.domain).expect("a create"));
        });
        ours_writes += writes;
        let raw_alone = throughput(2, raw_reader(f));
        let conn = raw_connection(&f.raw_path);
        let (raw_beside, writes) = beside_writer(raw_reader(f), move |i| {
            let id = Uuid::new_v4().hyphenated().to_string();
            let mut statement = conn.prepare_cached(INSERT).expect("prepare");
            statement.execute(params![id, format!("w-raw-{round}-{i}"), price.to_string(), 0]).expect("a raw insert");
        });
        raw_writes += writes;
        ours.push((ours_alone, ours_beside));
        raw.push((raw_alone, raw_beside));
    }
    let rounds = ROUNDS as f64 * WINDOW.as_secs_f64();
    println!("2 reader threads beside 1 writer thread ({ROUNDS} rounds, medians; k gets/s)");
    println!(
        "{:<5} {:>9} {:>14} {:>15} {:>9} {:>8}",
        "side", "alone", "beside writer", "beside / alone", "writes/s", "target"
    );
    for (label, samples, writes, target) in [("ours", &ours, ours_writes, Some(0.75)), ("raw", &raw, raw_writes, None)]
    {
        let alone = median(samples.iter().map(|s| s.0).collect());
        let beside = median(samples.iter().map(|s| s.1).collect());
        let ratio = median(samples.iter().map(|(a, b)| b / a).collect());
        let missed = if target.is_some_and(|t| ratio < t) { "  missed" } else { "" };
        let target = target.map_or("-".to_string(), |t| format!(">={t:.2}x"));
        println!(
            "{label:<5} {:>9.1} {:>14.1} {ratio:>14.2}x {:>9.0} {target:>8}{missed}",
            alone / 1000.0,
            beside / 1000.0,
            writes as f64 / rounds
        );
    }
}

fn main() {
    let dir = std::env::temp_dir().join(format!("resource-bench-readers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let _cleanup = Cleanup(dir.clone());
    let only: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let run = |part: &str| only.is_empty() || only.iter().any(|o| o == part);
    let fixture = fixture(&dir);
    if run("readers") {
        readers_part(&fixture);
    }
    if run("writer") {
        writer_part(&fixture);
    }
}

/// Removes the temp dir (databases, WAL and shm files) at the end.
struct Cleanup(PathBuf);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
