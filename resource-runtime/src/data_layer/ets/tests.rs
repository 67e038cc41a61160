//! Tests of the ETS data layer against hand-written resource descriptions.

use crate::data_layer::Target;
use std::sync::atomic::Ordering::Relaxed;

use uuid::Uuid;

use super::*;
use crate::expr::tree::{BinaryOp, Expr};
use crate::info::error::FieldErrorKind;
use crate::info::{AttributeInfo, DataLayerKind, IdentityInfo};

const fn attr(name: &'static str, ty: Type, allow_nil: bool, primary_key: bool) -> AttributeInfo {
    AttributeInfo { allow_nil, primary_key, writable: !primary_key, ..AttributeInfo::new(name, ty) }
}

const fn identity(name: &'static str, keys: &'static [&'static str], nils_distinct: bool) -> IdentityInfo {
    IdentityInfo { nils_distinct, ..IdentityInfo::new(name, keys) }
}

const fn resource(
    name: &'static str,
    attributes: &'static [AttributeInfo],
    identities: &'static [IdentityInfo],
) -> ResourceInfo {
    ResourceInfo { attributes, identities, ..ResourceInfo::new(name, DataLayerKind::Ets) }
}

const ID: usize = 0;
const EMAIL: usize = 1;
const FIRST: usize = 2;
const MIDDLE: usize = 3;
const LAST: usize = 4;
const AGE: usize = 5;
const NAMES: [usize; 3] = [FIRST, MIDDLE, LAST];

static ATTRS: [AttributeInfo; 6] = [
    attr("id", Type::Uuid, false, true),
    attr("email", Type::CiString, false, false),
    attr("first_name", Type::String, false, false),
    attr("middle_name", Type::String, true, false),
    attr("last_name", Type::String, false, false),
    attr("age", Type::Integer, true, false),
];
const NAME_KEYS: &[&str] = &["first_name", "middle_name", "last_name"];

static USER: ResourceInfo =
    resource("User", &ATTRS, &[identity("email", &["email"], true), identity("names", NAME_KEYS, true)]);

/// Like `USER`, but a nil middle name is an ordinary value of `names`.
static STRICT_USER: ResourceInfo = resource(
    "StrictUser",
    &ATTRS,
    &[IdentityInfo { message: Some("name already used"), ..identity("names", NAME_KEYS, false) }],
);

static NO_PK: ResourceInfo = resource("NoPk", &[attr("name", Type::String, false, false)], &[]);

fn id(n: u128) -> Value {
    Value::Uuid(Uuid::from_u128(n))
}

fn ci(s: &str) -> Value {
    Value::CiString(s.into())
}

fn s(s: &str) -> Value {
    Value::String(s.into())
}

fn user(n: u128, email: &str, first: &str, middle: Option<&str>, last: &str) -> Row {
    vec![id(n), ci(email), s(first), middle.map_or(Value::Nil, s), s(last), Value::Nil]
}

fn ets_with(resources: &[&'static ResourceInfo]) -> Ets {
    let ets = Ets::new();
    for resource in resources {
        ets.register(Target::from(*resource)).unwrap();
    }
    ets
}

/// An ETS with Ada (1), Grace (2) and Alan (3).
fn three_users() -> Ets {
    let ets = ets_with(&[&USER]);
    ets.create(Target::from(&USER), user(1, "ada@example.com", "Ada", Some("King"), "Lovelace")).unwrap();
    ets.create(Target::from(&USER), user(2, "grace@example.com", "Grace", None, "Hopper")).unwrap();
    ets.create(Target::from(&USER), user(3, "alan@example.com", "Alan", Some("Mathison"), "Turing")).unwrap();
    ets
}

fn taken(fields: &[&str]) -> FieldError {
    FieldError::on_fields(fields, FieldErrorKind::Taken, "has already been taken")
}

fn get(ets: &Ets, keys: &[usize], values: &[Value]) -> Option<Row> {
    ets.get(Target::from(&USER), keys, values).unwrap()
}

fn ids(rows: &[Row]) -> Vec<u128> {
    rows.iter().map(|row| if let Value::Uuid(u) = &row[ID] { u.as_u128() } else { 0 }).collect()
}

fn all(ets: &Ets) -> Vec<u128> {
    ids(&ets.read(Target::from(&USER), &DataQuery::default()).unwrap())
}

fn scans(ets: &Ets) -> usize {
    ets.table(Target::from(&USER)).unwrap().read().unwrap().scans.load(Relaxed)
}

#[test]
fn duplicate_primary_key_is_an_error_not_an_overwrite() {
    let ets = three_users();
    let err = ets.create(Target::from(&USER), user(1, "new@example.com", "New", None, "Person")).unwrap_err();
    assert_eq!(err, Error::Invalid(vec![taken(&["id"])]));
    assert_eq!(get(&ets, &[ID], &[id(1)]).unwrap()[EMAIL], ci("ada@example.com"));
    assert_eq!(get(&ets, &[EMAIL], &[ci("new@example.com")]), None, "nothing of the failed row is indexed");
    assert_eq!(all(&ets), [1, 2, 3]);
}

#[test]
fn nil_primary_key_is_required() {
    let ets = ets_with(&[&USER]);
    let mut row = user(1, "ada@example.com", "Ada", None, "Lovelace");
    row[ID] = Value::Nil;
    assert_eq!(ets.create(Target::from(&USER), row).unwrap_err(), Error::invalid(FieldError::required("id")));
    assert_eq!(all(&ets), Vec::<u128>::new());
}

#[test]
fn single_key_identity_ignores_case_of_ci_strings() {
    let ets = three_users();
    let err = ets.create(Target::from(&USER), user(4, "ADA@Example.COM", "Other", None, "Person")).unwrap_err();
    assert_eq!(err, Error::Invalid(vec![taken(&["email"])]));
    assert_eq!(err.message_for("email"), Some("has already been taken"));
    assert_eq!(all(&ets), [1, 2, 3]);
}

#[test]
fn multi_key_identity_conflicts_only_when_every_key_matches() {
    let ets = three_users();
    ets.create(Target::from(&USER), user(4, "ada2@example.com", "Ada", Some("Queen"), "Lovelace")).unwrap();
    let err =
        ets.create(Target::from(&USER), user(5, "ada3@example.com", "Ada", Some("King"), "Lovelace")).unwrap_err();
    assert_eq!(err, Error::Invalid(vec![taken(&["first_name", "middle_name", "last_name"])]));
    assert_eq!(all(&ets), [1, 2, 3, 4]);
}

#[test]
fn every_conflict_is_reported_and_nothing_written() {
    let ets = three_users();
    let err = ets.create(Target::from(&USER), user(1, "ADA@example.com", "Ada", Some("King"), "Lovelace")).unwrap_err();
    let names = ["first_name", "middle_name", "last_name"];
    assert_eq!(err, Error::Invalid(vec![taken(&["id"]), taken(&["email"]), taken(&names)]));
    assert_eq!(all(&ets), [1, 2, 3]);
}

#[test]
fn nil_keys_are_distinct_by_default() {
    let ets = three_users();
    ets.create(Target::from(&USER), user(4, "grace2@example.com", "Grace", None, "Hopper")).unwrap();
    assert_eq!(all(&ets), [1, 2, 3, 4]);
}

#[test]
fn nil_is_an_ordinary_key_value_when_nils_are_not_distinct() {
    let ets = ets_with(&[&STRICT_USER]);
    ets.create(Target::from(&STRICT_USER), user(1, "grace@example.com", "Grace", None, "Hopper")).unwrap();
    let err =
        ets.create(Target::from(&STRICT_USER), user(2, "grace2@example.com", "Grace", None, "Hopper")).unwrap_err();
    let names = ["first_name", "middle_name", "last_name"];
    assert_eq!(err, Error::invalid(FieldError::on_fields(&names, FieldErrorKind::Taken, "name already used")));
    ets.create(Target::from(&STRICT_USER), user(3, "grace3@example.com", "Grace", Some("B"), "Hopper")).unwrap();
}

#[test]
fn racing_creates_of_one_email_store_exactly_one_row() {
    let ets = ets_with(&[&USER]);
    let start = std::sync::Barrier::new(8);
    let results: Vec<Result<Row>> = std::thread::scope(|scope| {
        let racers: Vec<_> = (0..8u128)
            .map(|n| {
                let (ets, start) = (&ets, &start);
                let row = user(n, "race@example.com", &format!("R{n}"), None, "Racer");
                scope.spawn(move || {
                    start.wait();
                    ets.create(Target::from(&USER), row)
                })
            })
            .collect();
        racers.into_iter().map(|racer| racer.join().unwrap()).collect()
    });
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    for err in results.iter().filter_map(|r| r.as_ref().err()) {
        assert_eq!(*err, Error::Invalid(vec![taken(&["email"])]));
    }
    assert_eq!(all(&ets).len(), 1);
}

#[test]
fn get_finds_rows_through_the_pk_and_identity_indexes() {
    let ets = three_users();
    assert_eq!(get(&ets, &[ID], &[id(2)]).unwrap()[FIRST], s("Grace"));
    // A plain string finds a ci_string, whatever its case, and a uuid by its text.
    assert_eq!(ids(&[get(&ets, &[EMAIL], &[s("ALAN@example.com")]).unwrap()]), [3]);
    assert_eq!(ids(&[get(&ets, &[ID], &[s(&Uuid::from_u128(1).to_string())]).unwrap()]), [1]);
    let names = [s("Ada"), s("King"), s("Lovelace")];
    assert_eq!(ids(&[get(&ets, &NAMES, &names).unwrap()]), [1]);
    // Keys in another order still use the index, with their values paired.
    assert_eq!(ids(&[get(&ets, &[LAST, FIRST, MIDDLE], &[s("Lovelace"), s("Ada"), s("King")]).unwrap()]), [1]);
    assert_eq!(get(&ets, &[ID], &[id(9)]), None);
    assert_eq!(get(&ets, &[EMAIL], &[ci("nobody@example.com")]), None);
    assert_eq!(get(&ets, &NAMES, &[s("Grace"), Value::Nil, s("Hopper")]), None, "nil never matches");
    assert_eq!(scans(&ets), 0);
    // No index on last_name alone: a scan with loose equality.
    assert_eq!(ids(&[get(&ets, &[LAST], &[s("Turing")]).unwrap()]), [3]);
    assert_eq!(scans(&ets), 1);
}

#[test]
fn read_filters_sorts_and_pages() {
    let ets = three_users();
    ets.create(Target::from(&USER), user(4, "barbara@example.com", "Barbara", None, "Liskov")).unwrap();
    ets.create(Target::from(&USER), user(5, "edsger@example.com", "Edsger", None, "Dijkstra")).unwrap();
    for (n, age) in [(1, 36), (3, 41), (4, 36)] {
        ets.update(Target::from(&USER), &[id(n)], &[(AGE, Value::Int(age))]).unwrap();
    }
    let read = |sort: &[(&str, SortOrder)], filter: Option<Expr>, offset, limit| {
        let sort = sort.iter().map(|(name, order)| (name.to_string(), *order)).collect();
        ids(&ets.read(Target::from(&USER), &DataQuery { filter, sort, limit, offset, ..DataQuery::default() }).unwrap())
    };
    use SortOrder::*;
    assert_eq!(read(&[("age", Asc)], None, 0, None), [1, 4, 3, 2, 5]);
    assert_eq!(read(&[("age", Desc)], None, 0, None), [2, 5, 3, 1, 4]);
    assert_eq!(read(&[("age", AscNilsFirst)], None, 0, None), [2, 5, 1, 4, 3]);
    assert_eq!(read(&[("age", DescNilsLast)], None, 0, None), [3, 1, 4, 2, 5]);
    assert_eq!(read(&[("age", Asc), ("first_name", Desc)], None, 0, None), [4, 1, 3, 2, 5]);
    let adults = || Some(Expr::binary(BinaryOp::Ge, Expr::field("age"), Expr::value(Value::Int(36))));
    assert_eq!(read(&[("first_name", Asc)], adults(), 0, None), [1, 3, 4]);
    assert_eq!(read(&[("first_name", Asc)], adults(), 1, Some(1)), [3]);
    assert_eq!(read(&[], None, 3, Some(10)), [4, 5]);
    let query = DataQuery { sort: vec![("nope".into(), Asc)], ..DataQuery::default() };
    assert!(matches!(ets.read(Target::from(&USER), &query), Err(Error::DataLayer(m)) if m.contains("nope")));
}

#[test]
fn sorting_values_of_mixed_kinds_does_not_panic() {
    let ets = ets_with(&[&USER]);
    let ages = [Value::Float(f64::NAN), Value::Int(1), s("x"), Value::Float(0.5), Value::Bool(true)];
    for (n, age) in (0..40u128).zip(ages.iter().cycle()) {
        let mut row = user(n, &format!("u{n}@example.com"), &format!("U{n}"), None, "Mixed");
        row[AGE] = age.clone();
        ets.create(Target::from(&USER), row).unwrap();
    }
    let query = DataQuery { sort: vec![("age".into(), SortOrder::Asc)], ..DataQuery::default() };
    assert_eq!(ets.read(Target::from(&USER), &query).unwrap().len(), 40);
}

#[test]
fn update_moves_identity_keys() {
    let ets = three_users();
    let row = ets.update(Target::from(&USER), &[id(1)], &[(EMAIL, ci("ada@new.example"))]).unwrap();
    assert_eq!(row[EMAIL], ci("ada@new.example"));
    assert_eq!(ids(&[get(&ets, &[EMAIL], &[ci("ADA@new.example")]).unwrap()]), [1]);
    assert_eq!(get(&ets, &[EMAIL], &[ci("ada@example.com")]), None);
    ets.create(Target::from(&USER), user(4, "ada@example.com", "Other", None, "Ada")).unwrap();
    let err = ets.create(Target::from(&USER), user(5, "Ada@New.Example", "Third", None, "Ada")).unwrap_err();
    assert_eq!(err, Error::Invalid(vec![taken(&["email"])]));
}

#[test]
fn update_to_a_taken_email_changes_nothing() {
    let ets = three_users();
    let changes = [(FIRST, s("Augusta")), (EMAIL, ci("Grace@example.com"))];
    assert_eq!(
        ets.update(Target::from(&USER), &[id(1)], &changes).unwrap_err(),
        Error::Invalid(vec![taken(&["email"])])
    );
    assert_eq!(get(&ets, &[ID], &[id(1)]), Some(user(1, "ada@example.com", "Ada", Some("King"), "Lovelace")));
    assert_eq!(ids(&[get(&ets, &[EMAIL], &[ci("grace@example.com")]).unwrap()]), [2]);
}

#[test]
fn a_row_never_conflicts_with_itself() {
    let ets = three_users();
    let row = ets.update(Target::from(&USER), &[id(1)], &[(EMAIL, ci("ADA@example.com")), (FIRST, s("Ada"))]).unwrap();
    assert_eq!(row[EMAIL], ci("ADA@example.com"));
}

#[test]
fn update_of_a_missing_row_is_not_found() {
    let ets = three_users();
    let err = ets.update(Target::from(&USER), &[id(9)], &[(FIRST, s("X"))]).unwrap_err();
    assert_eq!(err, Error::NotFound { resource: "User", lookup: vec![("id".into(), id(9))] });
}

#[test]
fn update_rekeys_the_primary_key() {
    let ets = three_users();
    ets.update(Target::from(&USER), &[id(1)], &[(ID, id(7))]).unwrap();
    assert_eq!(get(&ets, &[ID], &[id(1)]), None);
    assert_eq!(get(&ets, &[ID], &[id(7)]).unwrap()[FIRST], s("Ada"));
    let err = ets.update(Target::from(&USER), &[id(7)], &[(ID, id(2))]).unwrap_err();
    assert_eq!(err, Error::Invalid(vec![taken(&["id"])]));
    let err = ets.update(Target::from(&USER), &[id(7)], &[(ID, Value::Nil)]).unwrap_err();
    assert_eq!(err, Error::invalid(FieldError::required("id")));
    assert_eq!(all(&ets), [7, 2, 3]);
}

#[test]
fn destroy_frees_keys_and_keeps_the_moved_row_findable() {
    let ets = three_users();
    ets.destroy(Target::from(&USER), &[id(1)]).unwrap();
    assert_eq!(all(&ets), [3, 2], "the last row moved into the hole");
    assert_eq!(get(&ets, &[ID], &[id(1)]), None);
    for (n, email) in [(2, "grace@example.com"), (3, "alan@example.com")] {
        assert_eq!(ids(&[get(&ets, &[ID], &[id(n)]).unwrap()]), [n]);
        assert_eq!(ids(&[get(&ets, &[EMAIL], &[ci(email)]).unwrap()]), [n]);
    }
    ets.update(Target::from(&USER), &[id(3)], &[(FIRST, s("A. M."))]).unwrap();
    ets.create(Target::from(&USER), user(1, "ada@example.com", "Ada", Some("King"), "Lovelace")).unwrap();
    let err = ets.destroy(Target::from(&USER), &[id(9)]).unwrap_err();
    assert_eq!(err, Error::NotFound { resource: "User", lookup: vec![("id".into(), id(9))] });
    ets.destroy(Target::from(&USER), &[id(1)]).unwrap();
    assert_eq!(all(&ets), [3, 2]);
}

#[test]
fn upsert_creates_when_absent_and_updates_only_update_fields_when_present() {
    let ets = ets_with(&[&USER]);
    let created = ets
        .upsert(Target::from(&USER), user(1, "ada@example.com", "Ada", None, "Lovelace"), &[EMAIL], &[FIRST])
        .unwrap();
    assert_eq!(created, user(1, "ada@example.com", "Ada", None, "Lovelace"));
    let row = user(2, "ADA@example.com", "Augusta", Some("King"), "Byron");
    let updated = ets.upsert(Target::from(&USER), row, &[EMAIL], &[FIRST]).unwrap();
    assert_eq!(updated, user(1, "ada@example.com", "Augusta", None, "Lovelace"));
    assert_eq!(get(&ets, &[ID], &[id(1)]), Some(updated));
    assert_eq!(all(&ets), [1]);
    // On the primary key too.
    let row = user(1, "other@example.com", "Ada", None, "Byron");
    assert_eq!(ets.upsert(Target::from(&USER), row, &[ID], &[LAST]).unwrap()[LAST], s("Byron"));
    assert_eq!(scans(&ets), 0);
}

#[test]
fn upsert_result_must_not_take_another_rows_identity() {
    let ets = three_users();
    let row = user(9, "grace@example.com", "Ada", Some("King"), "Lovelace");
    let err = ets.upsert(Target::from(&USER), row, &NAMES, &[EMAIL]).unwrap_err();
    assert_eq!(err, Error::Invalid(vec![taken(&["email"])]));
    assert_eq!(get(&ets, &[ID], &[id(1)]).unwrap()[EMAIL], ci("ada@example.com"));
}

#[test]
fn upsert_with_a_nil_conflict_key_creates() {
    let ets = three_users();
    let row = user(4, "grace2@example.com", "Grace", None, "Hopper");
    ets.upsert(Target::from(&USER), row, &NAMES, &[EMAIL]).unwrap();
    assert_eq!(all(&ets), [1, 2, 3, 4]);
    // Without an index on the keys, a scan: nil still matches nothing.
    let row = user(5, "grace3@example.com", "Grace", None, "Hopper");
    ets.upsert(Target::from(&USER), row, &[FIRST, MIDDLE], &[EMAIL]).unwrap();
    assert_eq!(all(&ets), [1, 2, 3, 4, 5]);
}

#[test]
fn resources_must_be_registered_and_have_a_primary_key() {
    let err = Ets::new().register(Target::from(&NO_PK)).unwrap_err();
    assert_eq!(err, Error::DataLayer("resource NoPk has no primary key".into()));
    let err = Ets::new().create(Target::from(&USER), user(1, "a@b.c", "A", None, "B")).unwrap_err();
    assert_eq!(err, Error::NoSuchResource { resource: "User".into() });
    let ets = three_users();
    ets.register(Target::from(&USER)).unwrap();
    assert_eq!(all(&ets), [1, 2, 3], "registering again keeps the rows");
}

#[test]
fn malformed_calls_are_errors_not_panics() {
    let ets = three_users();
    let is_data_layer = |r: Result<_>| matches!(r, Err(Error::DataLayer(_)));
    assert!(is_data_layer(ets.create(Target::from(&USER), vec![id(8)]).map(|_| ())));
    assert!(is_data_layer(ets.get(Target::from(&USER), &[42], &[s("x")]).map(|_| ())));
    assert!(is_data_layer(ets.get(Target::from(&USER), &[ID, EMAIL], &[id(1)]).map(|_| ())));
    assert!(is_data_layer(ets.get(Target::from(&USER), &[], &[]).map(|_| ())));
    assert!(is_data_layer(ets.update(Target::from(&USER), &[id(1)], &[(42, s("x"))]).map(|_| ())));
    assert!(is_data_layer(ets.destroy(Target::from(&USER), &[id(1), id(2)])));
    let row = user(8, "x@example.com", "X", None, "Y");
    assert!(is_data_layer(ets.upsert(Target::from(&USER), row.clone(), &[], &[]).map(|_| ())));
    assert!(is_data_layer(ets.upsert(Target::from(&USER), row, &[EMAIL], &[42]).map(|_| ())));
    assert_eq!(all(&ets), [1, 2, 3]);
}

/// Readers never wait for readers: two threads are inside a read of the
/// same table at once (each waits, holding its read, until the other is in
/// one too). If one read excluded the other, neither would finish; the
/// watchdog turns that hang into a failure instead of a timing assertion.
#[test]
fn two_readers_hold_reads_of_one_table_at_once() {
    let ets = three_users();
    let inside = (std::sync::Mutex::new(0), std::sync::Condvar::new());
    let seen: Vec<Result<usize>> = std::thread::scope(|scope| {
        let readers: Vec<_> = (0..2)
            .map(|_| {
                let (ets, inside) = (&ets, &inside);
                scope.spawn(move || {
                    ets.reading(Target::from(&USER), |table| {
                        let (count, changed) = inside;
                        let mut count = count.lock().unwrap();
                        *count += 1;
                        changed.notify_all();
                        let watchdog = std::time::Duration::from_secs(60);
                        let (count, _) = changed.wait_timeout_while(count, watchdog, |count| *count < 2).unwrap();
                        if *count < 2 {
                            return Err(Error::DataLayer("a reader waited for the other reader".into()));
                        }
                        Ok(table.rows.len())
                    })
                })
            })
            .collect();
        readers.into_iter().map(|reader| reader.join().unwrap()).collect()
    });
    assert_eq!(seen, [Ok(3), Ok(3)]);
}

/// While one thread holds a read, another's gets and reads (the public
/// calls) complete: the holder lets go only once they have.
#[test]
fn gets_and_reads_complete_while_another_thread_holds_a_read() {
    let ets = three_users();
    let (holding, held) = std::sync::mpsc::channel();
    let (answered, answers) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        let ets = &ets;
        scope.spawn(move || {
            ets.reading(Target::from(&USER), |_| {
                holding.send(()).unwrap();
                // Keep the read until the other thread has its answers.
                let got = answers.recv_timeout(std::time::Duration::from_secs(60));
                got.map_err(|_| Error::DataLayer("the other reader waited for this one".into()))
            })
            .unwrap();
        });
        held.recv().unwrap();
        assert_eq!(ids(&[get(ets, &[ID], &[id(2)]).unwrap()]), [2]);
        assert_eq!(ids(&[get(ets, &[EMAIL], &[s("ada@example.com")]).unwrap()]), [1]);
        assert_eq!(all(ets), [1, 2, 3]);
        answered.send(()).unwrap();
    });
}

/// Many creates, updates and destroys (destroys move the last row into the
/// hole, updates move keys): every row stays findable by its primary key and
/// its email, and a freed email is free, as a `HashMap` model says.
#[test]
fn indexes_follow_rows_through_many_writes() {
    let ets = ets_with(&[&USER]);
    let target = || Target::from(&USER);
    let mut model: std::collections::HashMap<u128, String> = std::collections::HashMap::new();
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for n in 1..=3000u128 {
        let live: Vec<u128> = model.keys().copied().collect();
        match next() % 4 {
            0 | 1 => {
                let email = format!("User{}@Example.com", next() % 500);
                let taken = model.values().any(|e| e.eq_ignore_ascii_case(&email));
                let created = ets.create(target(), user(n, &email, "F", None, "L"));
                assert_eq!(created.is_ok(), !taken, "create {email}");
                if !taken {
                    model.insert(n, email);
                }
            }
            2 if !live.is_empty() => {
                let pk = live[(next() as usize) % live.len()];
                let email = format!("user{}@example.com", next() % 500);
                let taken = model.iter().any(|(&k, e)| k != pk && e.eq_ignore_ascii_case(&email));
                let updated = ets.update(target(), &[id(pk)], &[(EMAIL, ci(&email))]);
                assert_eq!(updated.is_ok(), !taken, "update {pk} to {email}");
                if !taken {
                    model.insert(pk, email);
                }
            }
            _ if !live.is_empty() => {
                let pk = live[(next() as usize) % live.len()];
                ets.destroy(target(), &[id(pk)]).unwrap();
                model.remove(&pk);
            }
            _ => {}
        }
    }
    assert!(model.len() > 100, "the model kept rows: {}", model.len());
    for (&pk, email) in &model {
        assert_eq!(ids(&[get(&ets, &[ID], &[id(pk)]).unwrap()]), [pk]);
        assert_eq!(ids(&[get(&ets, &[EMAIL], &[s(&email.to_uppercase())]).unwrap()]), [pk]);
    }
    for free in (0..500).map(|i| format!("user{i}@example.com")) {
        let held = model.values().any(|e| e.eq_ignore_ascii_case(&free));
        assert_eq!(get(&ets, &[EMAIL], &[s(&free)]).is_some(), held, "{free}");
    }
    assert_eq!(all(&ets).len(), model.len());
    assert_eq!(scans(&ets), 0);
}
