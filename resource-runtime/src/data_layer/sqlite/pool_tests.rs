//! The reader pool: which connection a statement runs on, what it sees,
//! and that reads outside a transaction never wait for the writer.
//!
//! Nothing here measures time: a read that would block is run on a thread
//! and given ten seconds, far more than any read takes, to come back.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use super::*;
use crate::data_layer::Target;
use crate::expr::tree::SortOrder;
use crate::info::{AttributeInfo, DataLayerKind, SqlInfo, Type};

const fn attr(name: &'static str, ty: Type, allow_nil: bool, primary_key: bool) -> AttributeInfo {
    AttributeInfo { allow_nil, primary_key, ..AttributeInfo::new(name, ty) }
}

static ATTRS: [AttributeInfo; 3] = [
    attr("id", Type::Integer, false, true),
    attr("name", Type::String, false, false),
    attr("price", Type::Decimal, true, false),
];

static ITEM: ResourceInfo = ResourceInfo {
    sql: SqlInfo { table: Some("items"), ..SqlInfo::DEFAULT },
    attributes: &ATTRS,
    ..ResourceInfo::new("Item", DataLayerKind::Sqlite)
};

const LONG: Duration = Duration::from_secs(10);

/// A database file in the temp dir, removed (with `-wal`, `-shm`) on drop.
struct File(PathBuf);

impl File {
    fn new(name: &str) -> File {
        static N: AtomicUsize = AtomicUsize::new(0);
        let unique = format!("resource-sqlite-pool-{}-{}-{name}.db", std::process::id(), N.fetch_add(1, Relaxed));
        let file = File(std::env::temp_dir().join(unique));
        file.remove();
        file
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn remove(&self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}

impl Drop for File {
    fn drop(&mut self) {
        self.remove();
    }
}

fn open(file: &File, options: SqliteOptions) -> Sqlite {
    let db = Sqlite::open_with(file.path(), options.create_schema(true)).unwrap();
    db.register(Target::from(&ITEM)).unwrap();
    db
}

fn item(id: i64, name: &str, price: &str) -> Row {
    vec![Value::Int(id), Value::String(name.into()), Value::Decimal(price.parse().unwrap())]
}

fn names(db: &Sqlite) -> Vec<Value> {
    let query = DataQuery { sort: vec![("id".into(), SortOrder::Asc)], ..DataQuery::default() };
    db.read(Target::from(&ITEM), &query).unwrap().into_iter().map(|row| row[1].clone()).collect()
}

fn s(text: &str) -> Value {
    Value::String(text.into())
}

/// Runs `f` on another thread and waits `LONG` for it: a read that waited
/// for a transaction still open on the calling side fails the test.
fn without_waiting<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = mpsc::channel();
    thread::spawn(move || {
        let _ = send.send(f());
    });
    receive.recv_timeout(LONG).expect("the read came back without waiting for the transaction")
}

#[test]
fn a_file_database_has_readers_and_memory_has_none() {
    let file = File::new("readers");
    assert!(open(&file, SqliteOptions::file()).repo.has_readers());
    let file = File::new("no-readers");
    assert!(!open(&file, SqliteOptions::file().readers(0)).repo.has_readers());
    assert!(!Sqlite::memory().unwrap().repo.has_readers());
    assert!(SqliteOptions::file().readers >= 2);
}

#[test]
fn a_read_outside_a_transaction_sees_the_last_commit_without_waiting() {
    let file = File::new("snapshot");
    let db = open(&file, SqliteOptions::file());
    db.create(Target::from(&ITEM), item(1, "committed", "1")).unwrap();
    let (to_main, from_writer) = mpsc::channel::<Vec<Value>>();
    let (to_writer, from_main) = mpsc::channel::<()>();
    let writer = {
        let db = db.clone();
        thread::spawn(move || {
            db.transaction(&mut || {
                db.create(Target::from(&ITEM), item(2, "uncommitted", "2"))?;
                // Inside its transaction the writing thread reads its own row.
                to_main.send(names(&db)).unwrap();
                from_main.recv_timeout(LONG).unwrap();
                Ok(())
            })
        })
    };
    let inside = from_writer.recv_timeout(LONG).unwrap();
    assert_eq!(inside, [s("committed"), s("uncommitted")]);
    let outside = without_waiting({
        let db = db.clone();
        move || names(&db)
    });
    assert_eq!(outside, [s("committed")], "the open transaction's row is not seen");
    to_writer.send(()).unwrap();
    writer.join().unwrap().unwrap();
    assert_eq!(names(&db), [s("committed"), s("uncommitted")], "after the commit readers see it");
}

#[test]
fn a_rolled_back_row_is_never_seen_by_readers() {
    let file = File::new("rollback");
    let db = open(&file, SqliteOptions::file());
    db.create(Target::from(&ITEM), item(1, "kept", "1")).unwrap();
    let err = db.transaction(&mut || {
        db.create(Target::from(&ITEM), item(2, "undone", "2"))?;
        let other = db.clone();
        // Another thread reads while this transaction is open (a reader, not the writer).
        let seen = without_waiting(move || names(&other));
        assert_eq!(seen, [s("kept")]);
        Err(Error::DataLayer("roll back".into()))
    });
    assert!(err.is_err());
    assert_eq!(names(&db), [s("kept")]);
}

#[test]
fn reads_run_on_several_readers_at_once() {
    let file = File::new("parallel");
    let db = open(&file, SqliteOptions::file().readers(2));
    let (arrived, arrivals) = mpsc::channel::<()>();
    let mut go = Vec::new();
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let (db, arrived) = (db.clone(), arrived.clone());
            let (release, released) = mpsc::channel::<()>();
            go.push(release);
            thread::spawn(move || {
                db.repo.with_reader(|_| {
                    // Both hold a reader connection at this point, or the second never arrives.
                    arrived.send(()).unwrap();
                    released.recv_timeout(LONG).map_err(|e| Error::DataLayer(e.to_string()))
                })
            })
        })
        .collect();
    for _ in 0..2 {
        arrivals.recv_timeout(LONG).expect("two reads inside reader connections at once");
    }
    go.iter().for_each(|release| release.send(()).unwrap());
    readers.into_iter().for_each(|reader| reader.join().unwrap().unwrap());
}

#[test]
fn many_threads_reading_at_once_all_succeed() {
    let file = File::new("many");
    let db = open(&file, SqliteOptions::file().readers(3));
    for id in 1..=50 {
        db.create(Target::from(&ITEM), item(id, &format!("n{id}"), "1")).unwrap();
    }
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let db = db.clone();
            thread::spawn(move || {
                for i in 0..200i64 {
                    let id = (t * 7 + i) % 50 + 1;
                    let row = db.get(Target::from(&ITEM), &[0], &[Value::Int(id)]).unwrap().unwrap();
                    assert_eq!(row[1], Value::String(format!("n{id}")));
                }
            })
        })
        .collect();
    threads.into_iter().for_each(|t| t.join().unwrap());
    assert_eq!(db.statements_run(), 1 + 50 + 8 * 200, "every read is counted");
}

#[test]
fn readers_have_the_decimal_collation_and_the_pragmas() {
    let file = File::new("collation");
    let db = open(&file, SqliteOptions::file());
    let prices = ["10", "9.5", "0.1000000000000000000000000001", "0.1"];
    for (id, price) in (1..).zip(prices) {
        db.create(Target::from(&ITEM), item(id, price, price)).unwrap();
    }
    let query = DataQuery { sort: vec![("price".into(), SortOrder::Asc)], ..DataQuery::default() };
    let sorted: Vec<Value> = db.read(Target::from(&ITEM), &query).unwrap().into_iter().map(|r| r[1].clone()).collect();
    assert_eq!(sorted, [s("0.1"), s("0.1000000000000000000000000001"), s("9.5"), s("10")]);
    let (query_only, like): (i64, i64) = db
        .repo
        .with_reader(|conn| {
            let query_only = conn.query_row("PRAGMA query_only", [], |r| r.get(0));
            let like = conn.query_row("SELECT 'Banana' LIKE 'banana'", [], |r| r.get(0));
            query_only.and_then(|q| like.map(|l| (q, l))).map_err(|e| map_error(None, e))
        })
        .unwrap();
    assert_eq!((query_only, like), (1, 0), "a reader is query-only, and LIKE is case-sensitive");
}

#[test]
fn a_write_sent_to_a_reader_is_refused() {
    let file = File::new("query-only");
    let db = open(&file, SqliteOptions::file());
    let err = db
        .repo
        .with_reader(|conn| conn.execute_batch("DELETE FROM items").map_err(|e| map_error(None, e)))
        .unwrap_err();
    assert!(matches!(err, Error::ReadOnly { .. }), "{err:?}");
}

#[test]
fn a_panicking_read_gives_its_connection_back() {
    let file = File::new("panic");
    let db = open(&file, SqliteOptions::file().readers(1));
    db.create(Target::from(&ITEM), item(1, "a", "1")).unwrap();
    let panicked = std::panic::catch_unwind(|| db.repo.with_reader::<()>(|_| panic!("in a read")));
    assert!(panicked.is_err());
    // With one reader, a connection lost to the panic would make this wait forever.
    let again = without_waiting(move || names(&db));
    assert_eq!(again, [s("a")]);
}

#[test]
fn a_read_only_database_reads_on_its_readers() {
    let file = File::new("read-only");
    let db = open(&file, SqliteOptions::file());
    db.create(Target::from(&ITEM), item(1, "a", "1")).unwrap();
    drop(db);
    let db = Sqlite::open_with(file.path(), SqliteOptions::file().read_only(true)).unwrap();
    assert!(db.repo.has_readers());
    assert_eq!(names(&db), [s("a")]);
    let err = db.create(Target::from(&ITEM), item(2, "b", "2")).unwrap_err();
    assert!(matches!(err, Error::ReadOnly { .. }), "{err:?}");
}
