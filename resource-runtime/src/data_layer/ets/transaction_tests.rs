//! ETS transactions, checked against the store's insides: after a rollback
//! the rows, their positions, every index entry and the generated-value
//! counters are exactly as before.

use std::sync::Arc;

use super::*;
use crate::info::AttributeInfo;
use crate::info::{DataLayerKind, IdentityInfo};

static ATTRS: [AttributeInfo; 3] = [
    AttributeInfo { primary_key: true, generated: true, allow_nil: false, ..AttributeInfo::new("id", Type::Integer) },
    AttributeInfo { allow_nil: false, ..AttributeInfo::new("name", Type::String) },
    AttributeInfo::new("n", Type::Integer),
];

static ITEM: ResourceInfo = ResourceInfo {
    attributes: &ATTRS,
    identities: &[IdentityInfo::new("unique_name", &["name"])],
    ..ResourceInfo::new("Item", DataLayerKind::Ets)
};

const ID: usize = 0;
const NAME: usize = 1;
const N: usize = 2;

fn target() -> Target<'static> {
    Target::from(&ITEM)
}

fn row(name: &str) -> Row {
    vec![Value::Nil, Value::String(name.into()), Value::Nil]
}

fn fail() -> Result<()> {
    Err(Error::DataLayer("rolled back".into()))
}

/// Everything a table holds, in a comparable form.
#[derive(Debug, PartialEq)]
struct Snapshot {
    rows: Vec<Row>,
    indexes: Vec<Vec<index::Entry>>,
    counters: Vec<(usize, i64)>,
}

fn snapshot(ets: &Ets) -> Snapshot {
    let table = ets.table(target()).unwrap();
    let table = read_lock(&table);
    let sorted = |index: &UniqueIndex| index.entries(&table.rows);
    let mut counters: Vec<_> = table.next_generated.iter().map(|(k, v)| (*k, *v)).collect();
    counters.sort();
    Snapshot { rows: table.rows.clone(), indexes: table.indexes.iter().map(sorted).collect(), counters }
}

/// A store with items a, b, c, d (ids 1 to 4).
fn four_items() -> Ets {
    let ets = Ets::new();
    ets.register(target()).unwrap();
    for name in ["a", "b", "c", "d"] {
        ets.create(target(), row(name)).unwrap();
    }
    ets
}

fn pk(id: i64) -> [Value; 1] {
    [Value::Int(id)]
}

#[test]
fn a_rolled_back_transaction_leaves_rows_positions_indexes_and_counters() {
    let ets = four_items();
    let before = snapshot(&ets);
    let result = ets.transaction(&mut || {
        ets.create(target(), row("e"))?;
        ets.update(target(), &pk(2), &[(NAME, Value::String("b2".into())), (N, Value::Int(7))])?;
        // Each destroy moves the last row into the hole.
        ets.destroy(target(), &pk(1))?;
        ets.destroy(target(), &pk(5))?;
        ets.create(target(), row("a"))?;
        ets.update(target(), &pk(6), &[(ID, Value::Int(60))])?;
        ets.destroy(target(), &pk(3))?;
        fail()
    });
    assert_eq!(result, fail());
    assert_eq!(snapshot(&ets), before);
    // The counter is back: the next generated id is 5 again.
    assert_eq!(ets.create(target(), row("e")).unwrap()[ID], Value::Int(5));
}

#[test]
fn a_committed_transaction_keeps_its_writes() {
    let ets = four_items();
    ets.transaction(&mut || {
        ets.destroy(target(), &pk(1))?;
        ets.create(target(), row("a")).map(drop)
    })
    .unwrap();
    let names: Vec<Value> = snapshot(&ets).rows.into_iter().map(|r| r[NAME].clone()).collect();
    assert_eq!(names, ["d", "b", "c", "a"].map(|n| Value::String(n.into())));
}

#[test]
fn a_savepoint_rolls_back_alone() {
    let ets = four_items();
    ets.transaction(&mut || {
        ets.create(target(), row("outer"))?;
        let after_outer = snapshot(&ets);
        let inner = ets.transaction(&mut || {
            ets.destroy(target(), &pk(1))?;
            ets.create(target(), row("inner"))?;
            fail()
        });
        assert_eq!(inner, fail());
        assert_eq!(snapshot(&ets), after_outer);
        // A savepoint that commits stays part of the outer transaction.
        ets.transaction(&mut || ets.create(target(), row("kept")).map(drop))
    })
    .unwrap();
    let names: Vec<Value> = snapshot(&ets).rows.into_iter().map(|r| r[NAME].clone()).collect();
    assert_eq!(names, ["a", "b", "c", "d", "outer", "kept"].map(|n| Value::String(n.into())));
}

#[test]
fn a_refused_create_hands_out_no_id() {
    let ets = four_items();
    let before = snapshot(&ets);
    assert!(ets.create(target(), row("a")).is_err(), "name a is taken");
    assert_eq!(snapshot(&ets), before);
}

#[test]
fn a_panic_rolls_back_and_frees_the_store() {
    let ets = Arc::new(four_items());
    let before = snapshot(&ets);
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = ets.transaction(&mut || {
            ets.create(target(), row("e"))?;
            ets.destroy(target(), &pk(1))?;
            panic!("in the body");
        });
    }));
    assert!(panicked.is_err());
    assert_eq!(snapshot(&ets), before);
    // Another thread can write and run transactions: nothing is left open.
    let other = Arc::clone(&ets);
    std::thread::spawn(move || other.transaction(&mut || other.create(target(), row("e")).map(drop)))
        .join()
        .unwrap()
        .unwrap();
    assert_eq!(snapshot(&ets).rows.len(), 5);
}

#[test]
fn a_poisoned_table_lock_does_not_stop_the_store() {
    let ets = four_items();
    let table = ets.table(target()).unwrap();
    let poisoned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _guard = table.write().unwrap();
        panic!("while holding the lock");
    }));
    assert!(poisoned.is_err() && table.is_poisoned());
    ets.create(target(), row("e")).unwrap();
    assert_eq!(ets.read(target(), &DataQuery::default()).unwrap().len(), 5);
    assert_eq!(ets.transaction(&mut || ets.destroy(target(), &pk(5)).and_then(|()| fail())), fail());
    assert_eq!(ets.read(target(), &DataQuery::default()).unwrap().len(), 5);
}

#[test]
fn other_threads_wait_to_write_and_to_read_a_written_table() {
    let ets = Arc::new(four_items());
    let (inserted, go) = std::sync::mpsc::channel();
    let writer = {
        let ets = Arc::clone(&ets);
        std::thread::spawn(move || {
            ets.transaction(&mut || {
                ets.create(target(), row("uncommitted"))?;
                inserted.send(()).unwrap();
                std::thread::sleep(std::time::Duration::from_millis(100));
                fail()
            })
        })
    };
    go.recv().unwrap();
    // Blocks until the writer has rolled back, then sees the four rows.
    assert_eq!(ets.read(target(), &DataQuery::default()).unwrap().len(), 4);
    let name = [Value::String("uncommitted".into())];
    assert_eq!(ets.get(target(), &[NAME], &name).unwrap(), None);
    assert_eq!(writer.join().unwrap(), fail());
    ets.create(target(), row("uncommitted")).unwrap();
}

#[test]
fn two_stores_share_a_thread_log_without_mixing_their_writes() {
    let (one, two) = (four_items(), four_items());
    let (before_one, before_two) = (snapshot(&one), snapshot(&two));
    // `one`'s transaction fails around `two`'s, which commits: only `one` is undone.
    let result = one.transaction(&mut || {
        one.create(target(), row("one"))?;
        two.transaction(&mut || {
            two.create(target(), row("two"))?;
            one.destroy(target(), &pk(1))?;
            two.destroy(target(), &pk(2))
        })?;
        one.create(target(), row("one again"))?;
        fail()
    });
    assert_eq!(result, fail());
    assert_eq!(snapshot(&one), before_one);
    assert_eq!(snapshot(&two).rows.len(), 4, "two's transaction committed");
    assert_ne!(snapshot(&two), before_two);
    // And the other way round: `two` fails inside `one`, which commits.
    let before_two = snapshot(&two);
    one.transaction(&mut || {
        one.create(target(), row("kept"))?;
        let inner = two.transaction(&mut || {
            two.create(target(), row("undone"))?;
            one.create(target(), row("kept too"))?;
            fail()
        });
        assert_eq!(inner, fail());
        Ok(())
    })
    .unwrap();
    assert_eq!(snapshot(&two), before_two);
    assert_eq!(snapshot(&one).rows.len(), 6);
}
