//! Seed 001's airline: a reservation unique on three keys, and a customer
//! whose email is unique regardless of case.
//!
//! Run with `cargo run --example airline`.

use resource::chrono::NaiveDate;
use resource::dsl::resource;
use resource::prelude::*;

resource! {
    /// A passenger's booking of one flight on one day.
    pub Reservation {
        attributes {
            uuid_primary_key id;
            attribute passenger_id: Option<i64> { public: true }
            attribute flight_number: Option<String> { public: true }
            attribute date: Option<NaiveDate> { public: true }
        }
        identities {
            identity unique_booking [passenger_id, flight_number, date] { pre_check: true }
        }
        actions {
            default_accept [passenger_id, flight_number, date];
            defaults [create, read, update, destroy];
        }
    }
}

resource! {
    /// A customer; `email` is a case-insensitive string.
    pub Customer {
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
            attribute email: CiString { allow_nil: false, public: true }
        }
        identities {
            identity unique_email [email] { pre_check: true }
        }
        actions {
            default_accept [name, email];
            defaults [create, read, update, destroy];
        }
    }
}

fn main() -> Result<(), Error> {
    let airline = Domain::new().register::<Reservation>().register::<Customer>().build()?;
    let day = NaiveDate::from_ymd_opt(2024, 5, 1).expect("a valid date");

    Reservation::create().passenger_id(1).flight_number("LH 400").date(day).run(&airline)?;
    println!("passenger 1 booked LH 400 on {day}");

    let err = Reservation::create().passenger_id(1).flight_number("LH 400").date(day).run(&airline).unwrap_err();
    println!("\nthe same booking again:\n{err}\n");

    let next_day = day.succ_opt().expect("a next day");
    Reservation::create().passenger_id(1).flight_number("LH 400").date(next_day).run(&airline)?;
    println!("the same flight the next day is fine");

    let customer = Customer::create().name("Stefan").email("Stefan@Example.com").run(&airline)?;
    println!("\ncustomer {} <{}>", customer.name, customer.email);
    let err = Customer::create().name("Other Stefan").email("stefan@example.COM").run(&airline).unwrap_err();
    println!("the same email in other case:\n{err}\n");

    let found = Customer::get_by_unique_email(&airline, CiString::from("STEFAN@EXAMPLE.COM"))?;
    println!("found by email in any case: {} <{}> (case kept)", found.name, found.email);
    Ok(())
}
