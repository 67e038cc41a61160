//! What the operand type checks of `expr!` let through: nil, `Option` pins,
//! ci strings against strings, numbers across integers, floats and decimals,
//! UUIDs and atoms against strings, `Value` pins, paths, and the same in a
//! resource's own read filter and calculation.

#![deny(warnings)]

use resource::dsl::resource;
use resource::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, resource::Atom)]
pub enum Status {
    Open,
    Closed,
}

resource! {
    pub Item {
        attributes {
            uuid_primary_key id;
            attribute name: CiString { public: true }
            attribute title: Option<String> { public: true }
            attribute stock: i64 { public: true }
            attribute price: Decimal { public: true }
            attribute ratio: f64 { public: true }
            attribute status: Status { public: true }
            attribute born: Option<resource::chrono::NaiveDate> { public: true }
            attribute owner_id: Option<Uuid> { public: true }
        }
        relationships {
            belongs_to owner: Owner;
        }
        calculations {
            calculate doubled: i64 = expr(stock * 2);
            calculate loud: String = expr(upper(name) <> "!");
            calculate cheap: bool = expr(price < 10);
        }
        actions {
            defaults [read];
            read open {
                filter: expr(status == "open" && price > 1 && ratio < 2 && name == "x" && stock != nil);
            }
        }
    }
}

resource! {
    pub Owner {
        attributes {
            uuid_primary_key id;
            attribute name: String { public: true }
        }
        actions {
            defaults [read];
        }
    }
}

fn main() {
    let maybe: Option<String> = None;
    let limit: Option<i64> = Some(3);
    let any = resource::Value::Int(1);
    let day = resource::chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let statuses = vec![Status::Open, Status::Closed];
    let _ = Item::read().filter(expr!(title == nil || title == ^maybe || is_nil(title)));
    let _ = Item::read().filter(expr!(name == "Banana" && name == ^"banana" && like(name, "%an%")));
    let _ = Item::read().filter(expr!(price > 1 && price < 2.5 && price == stock && stock < ^limit));
    let _ = Item::read().filter(expr!(stock < 1.5 && ratio > 1 && price > -3 && stock + 1 > ^dec!(1.5)));
    let _ = Item::read().filter(expr!(owner_id == "8a1f7e33-0000-4000-8000-000000000000" && id == ^Uuid::nil()));
    let _ = Item::read().filter(expr!(status == "open" || status == ^Status::Closed || status in ^statuses));
    let _ = Item::read().filter(expr!(stock == ^any && born < ^day && stock in [1, 2, ^3]));
    // A string literal is cast to the date when the read runs, as Ash casts literals.
    let _ = Item::read().filter(expr!(born == "2024-01-01"));
    let _ = Item::read().filter(expr!(owner.name == "Joe" && string_length(owner.name) > 1 && rem(stock, 2) == 0));
    let _ = Item::read().filter(expr!(doubled > 2 && loud == "X!" && cheap == true));
}
