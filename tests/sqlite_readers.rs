//! Reads beside an open transaction, through the public API: another
//! thread's read does not wait for the transaction and sees the last
//! commit; the transaction's own thread sees its writes.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use resource::dsl::resource;
use resource::prelude::*;
use resource::{SqliteOptions, Value};

mod sqlite_common;

use sqlite_common::TempDb;

resource! {
    pub Note {
        attributes {
            integer_primary_key id;
            attribute body: String { allow_nil: false, public: true }
        }
        actions {
            default_accept [body];
            defaults [create, read];
        }
    }
}

const LONG: Duration = Duration::from_secs(10);

fn bodies(d: &Domain) -> Vec<String> {
    let mut bodies: Vec<String> = Note::read().run(d).unwrap().into_iter().map(|n| n.body).collect();
    bodies.sort();
    bodies
}

#[test]
fn a_read_beside_an_open_transaction_sees_the_last_commit() {
    let file = TempDb::new("readers");
    let db = Sqlite::open_with(file.path(), SqliteOptions::file().create_schema(true)).unwrap();
    let d = Domain::new().with_data_layer(db).register::<Note>().build().unwrap();
    Note::create().body("first").run(&d).unwrap();
    let (inside, seen_inside) = mpsc::channel();
    let (release, released) = mpsc::channel::<()>();
    let writer = {
        let d = d.clone();
        thread::spawn(move || {
            d.transaction(|| {
                Note::create().body("second").run(&d)?;
                inside.send(bodies(&d)).unwrap();
                released.recv_timeout(LONG).unwrap();
                Ok::<_, Error>(())
            })
        })
    };
    assert_eq!(seen_inside.recv_timeout(LONG).unwrap(), ["first", "second"], "the writer sees its own row");
    let (read, outside) = mpsc::channel();
    let reader = {
        let d = d.clone();
        thread::spawn(move || read.send(bodies(&d)).unwrap())
    };
    let seen = outside.recv_timeout(LONG).expect("the read does not wait for the transaction");
    assert_eq!(seen, ["first"], "the uncommitted row is not seen");
    release.send(()).unwrap();
    writer.join().unwrap().unwrap();
    reader.join().unwrap();
    assert_eq!(bodies(&d), ["first", "second"], "after the commit it is");
}

#[test]
fn threads_reading_at_once_all_get_their_rows() {
    let file = TempDb::new("readers-many");
    let db = Sqlite::open_with(file.path(), SqliteOptions::file().create_schema(true).readers(2)).unwrap();
    let d = Domain::new().with_data_layer(db).register::<Note>().build().unwrap();
    let ids: Vec<i64> = (0..20).map(|i| Note::create().body(format!("n{i}")).run(&d).unwrap().id).collect();
    let threads: Vec<_> = (0..6)
        .map(|t| {
            let (d, ids) = (d.clone(), ids.clone());
            thread::spawn(move || {
                for k in 0..100 {
                    let id = ids[(t * 3 + k) % ids.len()];
                    let note: Note = d.get(vec![Value::Int(id)]).unwrap();
                    assert_eq!(note.id, id);
                }
            })
        })
        .collect();
    threads.into_iter().for_each(|t| t.join().unwrap());
}
