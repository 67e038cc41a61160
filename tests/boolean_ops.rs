//! Ash's `&&` and `||` (issue 8, item 4), the same in memory and in SQL:
//! `a || b` is `a` unless `a` is nil or false, else `b`; `a && b` is `b`
//! unless `a` is nil or false, else `a`. On values (a calculation
//! `nickname || "anon"`) and on booleans under `!`.

use resource::dsl::resource;
use resource::expr;
use resource::prelude::*;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub Member {
        attributes {
            integer_primary_key id;
            attribute name: String { allow_nil: false, public: true }
            attribute nickname: Option<String> { public: true }
            attribute verified: Option<bool> { public: true }
        }
        calculations {
            calculate shown: String = expr(nickname || "anon");
        }
        actions {
            default_accept [name, nickname, verified];
            defaults [create, read];
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Member>())
}

on_every_layer!(domain; or_gives_the_first_value_that_is_not_nil_or_false, not_of_nil_and_false_keeps_nothing);

fn seed(d: &Domain) {
    Member::create().name("a").nickname("Ace").verified(true).run(d).unwrap();
    Member::create().name("b").verified(false).run(d).unwrap();
    Member::create().name("c").run(d).unwrap();
    Member::create().name("d").nickname("Dee").run(d).unwrap();
}

fn or_gives_the_first_value_that_is_not_nil_or_false(d: &Domain) {
    seed(d);
    let members = Member::read().load(member::shown).sort(member::name.asc()).run(d).unwrap();
    let shown: Vec<&str> = members.iter().map(|m| m.shown.get().map(String::as_str).unwrap_or("?")).collect();
    assert_eq!(shown, ["Ace", "anon", "anon", "Dee"]);
    let anon = Member::read().filter(expr!(shown == "anon")).sort(member::name.asc()).run(d).unwrap();
    assert_eq!(anon.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["b", "c"]);
}

fn not_of_nil_and_false_keeps_nothing(d: &Domain) {
    seed(d);
    // `verified && nickname == "x"`: true for nobody; false for a (true && false)
    // and b (false stops &&); nil for c and d (nil stops &&, where SQL's
    // three-valued AND would make d's `nil AND false` false). `!` keeps a and b.
    let kept = Member::read().filter(expr!(!(verified && nickname == "x"))).sort(member::name.asc()).run(d).unwrap();
    assert_eq!(kept.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["a", "b"]);
    // `verified || is_nil(nickname)`: a (true), b (false || true), c (nil || true); not d.
    let either = Member::read().filter(expr!(verified || is_nil(nickname))).sort(member::name.asc()).run(d).unwrap();
    assert_eq!(either.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["a", "b", "c"]);
}
