//! Filters and sorts that reach into embedded fields (issue 12, step 2):
//! `profile.first_name` (typed as the embedded attribute: a date compares
//! as a date, a decimal as a number, a ci string without case) and
//! `exists(tags, name == "rust")` over a list's items, on every layer,
//! from `expr!` and from a resource's own declaration. The SQL text and the
//! expression index it uses are at the end (SQLite).

use resource::dsl::resource;
use resource::prelude::*;
use resource::rust_decimal::Decimal;
use resource::{CiString, chrono::NaiveDate, dec};

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub Address {
        data_layer: Embedded,
        attributes {
            attribute city: Option<String>;
        }
    }
}

resource! {
    pub Profile {
        data_layer: Embedded,
        embed_nil_values: false,
        attributes {
            attribute first_name: Option<String>;
            attribute born: Option<NaiveDate>;
            attribute balance: Option<Decimal>;
            attribute nick: Option<CiString>;
            attribute address: Option<Address>;
            attribute badges: Vec<Tag> { default: Vec::new() }
        }
    }
}

resource! {
    pub Tag {
        data_layer: Embedded,
        attributes {
            attribute name: String;
            attribute weight: Option<i64>;
        }
    }
}

resource! {
    pub Member {
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false }
            attribute limit: Option<i64>;
            attribute profile: Option<Profile>;
            attribute tags: Vec<Tag> { default: Vec::new() }
        }
        calculations {
            // The declaration's surface: names checked by rustc through the handles.
            calculate city: Option<String> = expr(profile.address.city);
        }
        actions {
            default_accept [name, limit, profile, tags];
            defaults [create, read];
            read rustaceans {
                filter: expr(exists(tags, name == "rust"));
            }
        }
        sqlite {
            table: "members";
            custom_indexes {
                index "json_extract(\"profile\", '$.first_name')" { name: "members_first_name_index" }
            }
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Member>())
}

on_every_layer!(domain;
    exists_tests_some_item_of_a_list,
    exists_inner_conditions_hold_for_one_item,
    exists_reads_the_record_with_parent,
    exists_reaches_a_list_inside_a_single_embed,
    a_read_action_filters_with_exists,
    dot_paths_compare_as_the_embedded_type,
    dot_paths_are_nil_for_nil_embeds_and_missing_keys,
    nested_dot_paths_and_calculations_over_them,
    sorts_reach_into_a_single_embed,
    a_list_is_no_single_value_and_a_single_embed_no_list,
);

fn tag(name: &str, weight: Option<i64>) -> Tag {
    Tag { name: name.to_string(), weight }
}

fn profile(first_name: Option<&str>) -> Profile {
    Profile {
        first_name: first_name.map(str::to_string),
        born: None,
        balance: None,
        nick: None,
        address: None,
        badges: Vec::new(),
    }
}

fn names(members: Vec<Member>) -> Vec<String> {
    let mut names: Vec<String> = members.into_iter().map(|m| m.name).collect();
    names.sort();
    names
}

/// Four members: `a` (rust 1, go 5), `b` (go 3), `c` (no tags), `d` (rust 9).
fn seed_tags(d: &Domain) {
    let members = [
        ("a", Some(2), vec![tag("rust", Some(1)), tag("go", Some(5))]),
        ("b", Some(2), vec![tag("go", Some(3))]),
        ("c", None, vec![]),
        ("d", Some(10), vec![tag("rust", Some(9))]),
    ];
    for (name, limit, tags) in members {
        let create = Member::create().name(name).tags(tags);
        match limit {
            Some(limit) => create.limit(limit),
            None => create,
        }
        .run(d)
        .unwrap();
    }
}

fn exists_tests_some_item_of_a_list(d: &Domain) {
    seed_tags(d);
    let found = Member::read().filter(expr!(exists(tags, name == "rust"))).run(d).unwrap();
    assert_eq!(names(found), ["a", "d"]);
    let found = Member::read().filter(expr!(!exists(tags, name == "rust"))).run(d).unwrap();
    assert_eq!(names(found), ["b", "c"]);
    let found = Member::read().filter(expr!(exists(tags))).run(d).unwrap();
    assert_eq!(names(found), ["a", "b", "d"], "without a filter: a non-empty list");
    let found =
        Member::read().filter(expr!(exists(tags, name == "go") && !exists(tags, name == "rust"))).run(d).unwrap();
    assert_eq!(names(found), ["b"]);
    let found = Member::read().filter(expr!(exists(tags, name == "rust") || name == "c")).run(d).unwrap();
    assert_eq!(names(found), ["a", "c", "d"]);
}

fn exists_inner_conditions_hold_for_one_item(d: &Domain) {
    seed_tags(d);
    // `a` has a rust tag and a tag of weight 5, but not one item with both.
    let found = Member::read().filter(expr!(exists(tags, name == "rust" && weight > 4))).run(d).unwrap();
    assert_eq!(names(found), ["d"]);
    let found = Member::read().filter(expr!(exists(tags, name == "rust" or weight == 3))).run(d).unwrap();
    assert_eq!(names(found), ["a", "b", "d"]);
    let found = Member::read().filter(expr!(exists(tags, is_nil(weight)))).run(d).unwrap();
    assert!(found.is_empty());
}

fn exists_reads_the_record_with_parent(d: &Domain) {
    seed_tags(d);
    // A tag heavier than the member's own limit: a (5 > 2), b (3 > 2); d's 9 is under 10.
    let found = Member::read().filter(expr!(exists(tags, weight > parent(limit)))).run(d).unwrap();
    assert_eq!(names(found), ["a", "b"]);
}

fn exists_reaches_a_list_inside_a_single_embed(d: &Domain) {
    let with_badges = |badges| Profile { badges, ..profile(Some("x")) };
    Member::create().name("a").profile(with_badges(vec![tag("gold", None)])).run(d).unwrap();
    Member::create().name("b").profile(with_badges(vec![tag("tin", None)])).run(d).unwrap();
    Member::create().name("c").run(d).unwrap();
    let found = Member::read().filter(expr!(exists(profile.badges, name == "gold"))).run(d).unwrap();
    assert_eq!(names(found), ["a"]);
}

fn a_read_action_filters_with_exists(d: &Domain) {
    seed_tags(d);
    let found = Member::rustaceans().run(d).unwrap();
    assert_eq!(names(found), ["a", "d"]);
}

fn seed_profiles(d: &Domain) {
    let profiles = [
        ("grace", "Grace", "1906-12-09", dec!(10.25), "GRACE"),
        ("ada", "Ada", "1815-12-10", dec!(9.5), "ada"),
        ("alan", "Alan", "1912-06-23", dec!(100), "Turing"),
    ];
    for (name, first, born, balance, nick) in profiles {
        let profile = Profile {
            born: Some(born.parse().unwrap()),
            balance: Some(balance),
            nick: Some(CiString::from(nick)),
            ..profile(Some(first))
        };
        Member::create().name(name).profile(profile).run(d).unwrap();
    }
}

fn dot_paths_compare_as_the_embedded_type(d: &Domain) {
    seed_profiles(d);
    let found = Member::read().filter(expr!(profile.first_name == "Grace")).run(d).unwrap();
    assert_eq!(names(found), ["grace"]);
    let since: NaiveDate = "1900-01-01".parse().unwrap();
    let found = Member::read().filter(expr!(profile.born > ^since)).run(d).unwrap();
    assert_eq!(names(found), ["alan", "grace"]);
    // As text "10.25" < "9.5"; as decimals 10.25 > 9.5.
    let found = Member::read().filter(expr!(profile.balance > ^dec!(9.5))).run(d).unwrap();
    assert_eq!(names(found), ["alan", "grace"]);
    let found = Member::read().filter(expr!(profile.nick == "grace" || profile.nick == "ADA")).run(d).unwrap();
    assert_eq!(names(found), ["ada", "grace"], "ci strings compare without case");
    // A string compared with a date field is cast to a date, as for a column.
    let found = Member::read().filter(expr!(profile.born == "1815-12-10")).run(d).unwrap();
    assert_eq!(names(found), ["ada"]);
    let found = Member::read().filter(expr!(like(profile.first_name, "A%"))).run(d).unwrap();
    assert_eq!(names(found), ["ada", "alan"]);
}

fn dot_paths_are_nil_for_nil_embeds_and_missing_keys(d: &Domain) {
    // `embed_nil_values: false`: `born` is no key of the stored JSON.
    Member::create().name("keyless").profile(profile(Some("K"))).run(d).unwrap();
    Member::create().name("none").run(d).unwrap();
    Member::create().name("nameless").profile(profile(None)).run(d).unwrap();
    let found = Member::read().filter(expr!(is_nil(profile.born))).run(d).unwrap();
    assert_eq!(names(found), ["keyless", "nameless", "none"]);
    let found = Member::read().filter(expr!(is_nil(profile.first_name))).run(d).unwrap();
    assert_eq!(names(found), ["nameless", "none"]);
    let found = Member::read().filter(expr!(profile.first_name != "K")).run(d).unwrap();
    assert!(found.is_empty(), "nil compares to nil, keeping nothing: {found:?}");
}

fn nested_dot_paths_and_calculations_over_them(d: &Domain) {
    let living_in = |city: Option<&str>| Profile {
        address: Some(Address { city: city.map(str::to_string) }),
        ..profile(Some("x"))
    };
    Member::create().name("p").profile(living_in(Some("Paris"))).run(d).unwrap();
    Member::create().name("l").profile(living_in(Some("Lyon"))).run(d).unwrap();
    Member::create().name("n").profile(living_in(None)).run(d).unwrap();
    let found = Member::read().filter(expr!(profile.address.city == "Paris")).run(d).unwrap();
    assert_eq!(names(found), ["p"]);
    let found = Member::read().filter(expr!(city == "Lyon")).run(d).unwrap();
    assert_eq!(names(found), ["l"], "a calculation over a nested path");
}

fn sorts_reach_into_a_single_embed(d: &Domain) {
    seed_profiles(d);
    Member::create().name("none").run(d).unwrap();
    let sorted = |sort| Member::read().sort(sort).run(d).unwrap().into_iter().map(|m| m.name).collect::<Vec<_>>();
    let first_name = member::profile.at(|p| p.first_name);
    assert_eq!(sorted(first_name.asc()), ["ada", "alan", "grace", "none"], "nils last ascending");
    assert_eq!(sorted(first_name.desc()), ["none", "grace", "alan", "ada"], "nils first descending");
    // Decimals sort as numbers, ci strings without case.
    assert_eq!(sorted(member::profile.at(|p| p.balance).asc()), ["ada", "grace", "alan", "none"]);
    assert_eq!(sorted(member::profile.at(|p| p.nick).asc()), ["ada", "grace", "alan", "none"]);
    let city = member::profile.at(|p| p.address).at(|a| a.city);
    assert_eq!(sorted(city.asc()).len(), 4, "a nested path sorts too");
    // The handle filters as well.
    let found = Member::read().filter_expr(first_name.eq("Ada".to_string())).run(d).unwrap();
    assert_eq!(names(found), ["ada"]);
}

fn a_list_is_no_single_value_and_a_single_embed_no_list(d: &Domain) {
    seed_tags(d);
    let err = Member::read().filter(expr!(tags.name == "rust")).run(d).unwrap_err();
    let message = "`tags` of Member is a list of Tag: test its items with `exists(tags, ..)`";
    assert!(err.to_string().contains(message), "{err}");
    let err = Member::read().filter(expr!(exists(profile, first_name == "x"))).run(d).unwrap_err();
    let message = "`profile` of Member holds one Profile, not a list: name its fields as `profile.field`";
    assert!(err.to_string().contains(message), "{err}");
}

/// The SQL of `profile.first_name` is the text of the expression index the
/// resource declares in `custom_indexes`, and SQLite's planner uses it.
#[test]
fn a_filter_on_an_embedded_field_uses_its_expression_index() {
    use resource::data_layer::sql::{compile_filter, sqlite_dialect::SQLITE};
    let db = resource::Sqlite::memory().unwrap();
    let _d = Domain::new().with_data_layer(db.clone()).register::<Member>().build().unwrap();
    let filter = resource::Expr::of::<Member>(expr!(profile.first_name == "Grace"));
    let fragment = compile_filter(&SQLITE, &filter, Member::info(), "t0", 1).unwrap();
    assert_eq!(fragment.sql, r#"(json_extract(t0."profile", '$.first_name') = ?)"#);
    let sql = format!("EXPLAIN QUERY PLAN SELECT * FROM members AS t0 WHERE {}", fragment.sql);
    let plan: Vec<String> = db
        .with_connection(|conn| {
            let mut statement = conn.prepare(&sql)?;
            let rows = statement.query_map(["Grace"], |row| row.get(3))?;
            rows.collect()
        })
        .unwrap();
    assert!(plan.iter().any(|step| step.contains("USING INDEX members_first_name_index")), "{plan:?}");
}
