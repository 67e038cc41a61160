//! Transactions on SQLite: every action commits its checks and its write
//! together, and `Domain::transaction` makes several actions all-or-nothing.

use std::sync::Arc;

use resource::dsl::resource;
use resource::prelude::*;
use resource::{DataLayer, SqliteOptions};

mod sqlite_common;

use sqlite_common::TempDb;

resource! {
    pub Account {
        attributes {
            uuid_primary_key id;
            attribute email: CiString { allow_nil: false, public: true }
            attribute balance: i64 { default: 0, public: true }
        }
        identities {
            identity unique_email [email] { pre_check: true }
        }
        actions {
            default_accept [email, balance];
            defaults [create, read, update, destroy];
        }
    }
}

fn domain(db: &Sqlite) -> Domain {
    Domain::new().with_data_layer(Arc::new(db.clone())).register::<Account>().build().unwrap()
}

fn emails(d: &Domain) -> Vec<String> {
    let mut emails: Vec<String> =
        Account::read().run(d).unwrap().into_iter().map(|a| a.email.as_str().to_string()).collect();
    emails.sort();
    emails
}

fn every_database(test: impl Fn(&Domain)) {
    test(&domain(&Sqlite::memory().unwrap()));
    let file = TempDb::new("transactions");
    test(&domain(&Sqlite::open_with(file.path(), SqliteOptions::file().create_schema(true)).unwrap()));
}

#[test]
fn a_failing_transaction_writes_nothing() {
    every_database(|d| {
        let result: Result<(), Error> = d.transaction(|| {
            Account::create().email("a@x.io").run(d)?;
            Account::create().email("b@x.io").run(d)?;
            assert_eq!(emails(d).len(), 2, "the transaction sees its own writes");
            Err(Error::DataLayer("the transfer was refused".into()))
        });
        assert_eq!(result, Err(Error::DataLayer("the transfer was refused".into())));
        assert!(emails(d).is_empty());
    });
}

#[test]
fn an_action_failing_inside_a_transaction_undoes_the_earlier_ones() {
    every_database(|d| {
        Account::create().email("taken@x.io").run(d).unwrap();
        let err = d
            .transaction(|| {
                Account::create().email("new@x.io").run(d)?;
                Account::create().email("TAKEN@x.io").run(d)
            })
            .unwrap_err();
        assert_eq!(err.to_string(), "invalid input: email: has already been taken");
        assert_eq!(emails(d), ["taken@x.io"]);
    });
}

#[test]
fn a_transaction_commits_everything_and_returns_its_value() {
    every_database(|d| {
        let (from, to) = d
            .transaction(|| {
                let from = Account::create().email("from@x.io").balance(10).run(d)?;
                let to = Account::create().email("to@x.io").run(d)?;
                Ok((from.update().balance(5).run(d)?, to.update().balance(5).run(d)?))
            })
            .unwrap();
        assert_eq!((from.balance, to.balance), (5, 5));
        assert_eq!(emails(d), ["from@x.io", "to@x.io"]);
    });
}

#[test]
fn a_nested_transaction_rolls_back_alone() {
    every_database(|d| {
        d.transaction(|| {
            Account::create().email("outer@x.io").run(d)?;
            let inner = d.transaction(|| {
                Account::create().email("inner@x.io").run(d)?;
                Err::<(), _>(Error::DataLayer("no".into()))
            });
            assert!(inner.is_err());
            Ok(())
        })
        .unwrap();
        assert_eq!(emails(d), ["outer@x.io"]);
    });
}

#[test]
fn a_transaction_directly_on_the_layer_rolls_back() {
    let db = Sqlite::memory().unwrap();
    let d = domain(&db);
    let layer: Arc<dyn DataLayer> = d.data_layer(Account::info()).unwrap();
    let result = layer.transact(|| {
        Account::create().email("a@x.io").run(&d)?;
        Err::<(), _>(Error::DataLayer("stop".into()))
    });
    assert!(result.is_err());
    assert!(emails(&d).is_empty());
}

#[test]
fn transactions_on_many_threads_keep_identities_and_totals() {
    every_database(|d| {
        let a = Account::create().email("a@x.io").run(d).unwrap();
        std::thread::scope(|scope| {
            for i in 0..8 {
                let a = a.clone();
                scope.spawn(move || {
                    // Read-modify-write inside one transaction: no update is lost.
                    d.transaction(|| {
                        let current = Account::get(d, a.id)?;
                        current.update().balance(current.balance + 1).run(d)?;
                        Account::create().email(format!("same{}@x.io", i % 2)).run(d).map(drop).or(Ok(()))
                    })
                    .unwrap();
                });
            }
        });
        assert_eq!(Account::get(d, a.id).unwrap().balance, 8);
        assert_eq!(emails(d), ["a@x.io", "same0@x.io", "same1@x.io"]);
    });
}

#[test]
fn ets_rolls_back_as_sqlite_does() {
    let d = Domain::new().with_data_layer(Ets::new()).register::<Account>().build().unwrap();
    let _ = d.transaction(|| {
        Account::create().email("a@x.io").run(&d)?;
        Err::<(), _>(Error::DataLayer("stop".into()))
    });
    assert!(emails(&d).is_empty(), "ETS has transactions (tests/ets_transactions.rs)");
}
