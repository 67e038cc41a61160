//! Transactions give the same guarantees on every layer: ETS undoes what a
//! failed or panicking transaction wrote, as SQLite rolls back. Each scenario
//! runs on ETS, on SQLite in memory and on a SQLite file.

use std::sync::{Barrier, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use resource::dsl::resource;
use resource::prelude::*;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub Account {
        attributes {
            uuid_primary_key id;
            attribute email: CiString { allow_nil: false, public: true }
            attribute balance: i64 { default: 0, public: true, constraints { min: 0 } }
        }
        identities {
            identity unique_email [email];
        }
        actions {
            default_accept [email, balance];
            defaults [create, read, update, destroy];
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Account>())
}

on_every_layer!(domain;
    a_failing_transaction_leaves_the_store_as_before,
    a_panicking_transaction_rolls_back_and_the_domain_stays_usable,
    a_nested_transaction_rolls_back_only_its_writes,
    updates_and_destroys_in_a_failed_transaction_are_undone,
    a_bulk_create_with_a_bad_record_in_the_middle_leaves_nothing,
    racing_transactions_create_a_unique_value_once,
    read_modify_write_transactions_lose_no_update,
    readers_never_see_uncommitted_rows,
);

fn create(d: &Domain, email: &str) -> Result<Account, Error> {
    Account::create().email(email).run(d)
}

/// Every record, in the layer's own order (ETS: storage order, SQLite: rowid).
fn everything(d: &Domain) -> Vec<Account> {
    Account::read().run(d).unwrap()
}

fn emails(d: &Domain) -> Vec<String> {
    let mut emails: Vec<String> = everything(d).into_iter().map(|a| a.email.as_str().to_string()).collect();
    emails.sort();
    emails
}

fn refused() -> Error {
    Error::DataLayer("refused".into())
}

/// Four accounts a to d, and everything the store then holds.
fn seeded(d: &Domain) -> Vec<Account> {
    for email in ["a@x.io", "b@x.io", "c@x.io", "d@x.io"] {
        create(d, email).unwrap();
    }
    everything(d)
}

fn a_failing_transaction_leaves_the_store_as_before(d: &Domain) {
    let before = seeded(d);
    let result: Result<(), Error> = d.transaction(|| {
        create(d, "new@x.io")?;
        create(d, "other@x.io")?;
        assert_eq!(everything(d).len(), 6, "the transaction sees its own writes");
        Err(refused())
    });
    assert_eq!(result, Err(refused()));
    assert_eq!(everything(d), before);
    // The identity index forgot the rolled-back values.
    create(d, "new@x.io").unwrap();
    create(d, "other@x.io").unwrap();
}

fn a_panicking_transaction_rolls_back_and_the_domain_stays_usable(d: &Domain) {
    let before = seeded(d);
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _: Result<(), Error> = d.transaction(|| {
            create(d, "new@x.io")?;
            Account::get_by_unique_email(d, CiString::from("a@x.io"))?.destroy().run(d)?;
            panic!("the body panics")
        });
    }));
    assert!(panicked.is_err());
    assert_eq!(everything(d), before);
    // Nothing is left open: another thread's transaction runs, and this one's.
    thread::scope(|s| s.spawn(|| d.transaction(|| create(d, "new@x.io")).unwrap()).join().unwrap());
    d.transaction(|| create(d, "more@x.io")).unwrap();
    assert_eq!(everything(d).len(), 6);
}

fn a_nested_transaction_rolls_back_only_its_writes(d: &Domain) {
    seeded(d);
    d.transaction(|| {
        let outer = create(d, "outer@x.io")?;
        let inner = d.transaction(|| {
            create(d, "inner@x.io")?;
            outer.update().balance(5).run(d)?;
            Err::<(), _>(refused())
        });
        assert_eq!(inner, Err(refused()));
        assert_eq!(Account::get(d, outer.id)?.balance, 0, "the inner update is undone");
        d.transaction(|| create(d, "kept@x.io"))
    })
    .unwrap();
    assert_eq!(emails(d), ["a@x.io", "b@x.io", "c@x.io", "d@x.io", "kept@x.io", "outer@x.io"]);
}

fn updates_and_destroys_in_a_failed_transaction_are_undone(d: &Domain) {
    let before = seeded(d);
    let [a, b, c, _] = &before[..] else { panic!("four accounts") };
    let result = d.transaction(|| {
        b.update().email("b2@x.io").balance(3).run(d)?;
        // On ETS, destroying the first row moves the last one into its place.
        a.destroy().run(d)?;
        c.destroy().run(d)?;
        create(d, "e@x.io")?;
        Err::<(), _>(refused())
    });
    assert_eq!(result, Err(refused()));
    assert_eq!(everything(d), before, "same records, same order");
    assert!(create(d, "b@x.io").is_err(), "b's email is taken again");
    create(d, "b2@x.io").unwrap();
}

fn a_bulk_create_with_a_bad_record_in_the_middle_leaves_nothing(d: &Domain) {
    let before = seeded(d);
    let changeset = |email: &str| Account::create().email(email).changeset(d);
    let duplicate = d.bulk_create([changeset("x@x.io"), changeset("y@x.io"), changeset("X@x.io")]);
    assert_eq!(duplicate.unwrap_err().message_for("email"), Some("has already been taken"));
    let taken = d.bulk_create([changeset("x@x.io"), changeset("a@x.io"), changeset("z@x.io")]);
    assert!(taken.is_err());
    let negative = Account::create().email("n@x.io").balance(-1).changeset(d);
    assert!(d.bulk_create([changeset("x@x.io"), negative, changeset("z@x.io")]).is_err());
    assert_eq!(everything(d), before);
    assert_eq!(d.bulk_create([changeset("x@x.io"), changeset("y@x.io")]).unwrap().len(), 2);
}

fn racing_transactions_create_a_unique_value_once(d: &Domain) {
    let start = Barrier::new(8);
    let results: Vec<Result<(), Error>> = thread::scope(|s| {
        let racers: Vec<_> = (0..8)
            .map(|i| {
                let start = &start;
                s.spawn(move || {
                    start.wait();
                    d.transaction(|| {
                        create(d, &format!("mine{i}@x.io"))?;
                        create(d, "same@x.io").map(drop)
                    })
                })
            })
            .collect();
        racers.into_iter().map(|racer| racer.join().unwrap()).collect()
    });
    let won: Vec<usize> = (0..8).filter(|&i| results[i].is_ok()).collect();
    assert_eq!(won.len(), 1, "{results:?}");
    // The losers' first writes were rolled back with them.
    assert_eq!(emails(d), [format!("mine{}@x.io", won[0]), "same@x.io".to_string()]);
}

fn read_modify_write_transactions_lose_no_update(d: &Domain) {
    let account = create(d, "a@x.io").unwrap();
    thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                d.transaction(|| {
                    let current = Account::get(d, account.id)?;
                    // Gives a racing transaction its chance to read the same balance.
                    thread::sleep(Duration::from_millis(2));
                    current.update().balance(current.balance + 1).run(d)
                })
                .unwrap()
            });
        }
    });
    assert_eq!(Account::get(d, account.id).unwrap().balance, 8);
}

fn readers_never_see_uncommitted_rows(d: &Domain) {
    seeded(d);
    for commit in [false, true] {
        let (inserted, go) = mpsc::channel();
        let (done_tx, done) = mpsc::channel();
        thread::scope(|s| {
            s.spawn(|| {
                let result = d.transaction(|| {
                    create(d, "pending@x.io")?;
                    inserted.send(()).unwrap();
                    thread::sleep(Duration::from_millis(150));
                    done_tx.send(()).unwrap();
                    if commit { Ok(()) } else { Err(refused()) }
                });
                assert_eq!(result.is_ok(), commit);
            });
            go.recv().unwrap();
            let until = Instant::now() + Duration::from_millis(300);
            let mut finished = false;
            while Instant::now() < until {
                let seen = emails(d).contains(&"pending@x.io".to_string());
                finished |= done.try_recv().is_ok();
                // A read either waited for the end, or saw the last committed state.
                assert!(!seen || (commit && finished), "saw an uncommitted row (commit: {commit})");
                if seen {
                    break;
                }
            }
        });
        assert_eq!(emails(d).contains(&"pending@x.io".to_string()), commit);
    }
}
