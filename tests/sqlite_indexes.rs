//! What the `sqlite { .. }` section's indexes say when a write breaks them,
//! the same on every layer where the layer can tell: a unique custom index
//! and an identity whose index is renamed (`identity_index_names`) are
//! `Error::Invalid` with a field error on their columns, never a raw SQLite
//! error. SQLite names an index with an expression term by its name
//! (`UNIQUE constraint failed: index 'accounts_nick_idx'`) and any other,
//! partial or not, by its columns (`accounts.first_name, accounts.last_name`);
//! both are found.
//!
//! ETS runs no SQL: it enforces a unique custom index over plain columns
//! without a `where` (like an identity), but not one over a SQL expression
//! or with a SQL `where`, nor `base_filter_sql` (its identities hold over
//! every row). The scenarios say so where the layers differ
//! (`docs/sqlite-section.md`, "What ETS enforces").

use resource::dsl::resource;
use resource::prelude::*;

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub Account {
        attributes {
            uuid_primary_key id;
            attribute email: String { allow_nil: false, public: true }
            attribute handle: String { allow_nil: false, public: true }
            attribute nick: Option<String> { public: true }
            attribute first_name: Option<String> { public: true }
            attribute last_name: Option<String> { public: true }
            attribute slug: Option<String> { public: true }
            attribute team: Option<String> { public: true }
            attribute active: bool { default: true, public: true }
            attribute code: Option<String> { public: true }
        }
        identities {
            identity unique_handle [handle];
            identity unique_nick [nick] { nils_distinct: false, message: "nick is taken" }
            identity unique_code [code] { message: "code is in use" }
        }
        actions {
            default_accept [email, handle, nick, first_name, last_name, slug, team, active, code];
            defaults [create, read, update, destroy];
        }
        sqlite {
            table: "accounts";
            // A column index (SQLite reports its columns) and an expression
            // index (`IFNULL("nick", x'')`: SQLite reports its name).
            identity_index_names: [unique_handle: "accounts_handle_idx", unique_nick: "accounts_nick_idx"];
            // Enforced by the custom statement's index instead (case-insensitively).
            skip_unique_indexes: [unique_code];
            custom_indexes {
                index [first_name, last_name] { unique: true, message: "that name is taken" }
                index [slug] { unique: true }
                index "lower(email)" { unique: true, name: "accounts_lower_email_index", message: "email is taken" }
                index [team] { unique: true, name: "accounts_active_team_index", where: "active = 1", message: "team has an active account" }
                index [team];
            }
            custom_statements {
                statement code_index {
                    up: "CREATE UNIQUE INDEX accounts_code_nocase ON accounts (code COLLATE NOCASE)",
                    down: "DROP INDEX accounts_code_nocase"
                }
            }
        }
    }
}

resource! {
    /// `base_filter_sql`: the identity's unique index covers only the rows
    /// the condition keeps, and upserts on it name the condition.
    pub Listing {
        attributes {
            uuid_primary_key id;
            attribute sku: String { allow_nil: false, public: true }
            attribute price: i64 { allow_nil: false, public: true }
            attribute archived: bool { default: false, public: true }
        }
        identities { identity unique_sku [sku]; }
        actions {
            default_accept [sku, price, archived];
            defaults [create, read, update, destroy];
            create import {
                accept [sku, price];
                upsert: true;
                upsert_identity: unique_sku;
                upsert_fields: [price];
            }
        }
        sqlite {
            table: "listings";
            base_filter_sql: "archived = 0";
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Account>().register::<Listing>())
}

on_every_layer!(domain;
    a_unique_custom_index_over_columns_reports_its_message,
    a_unique_custom_index_without_a_message_says_taken,
    a_renamed_identity_index_reports_the_identity,
    a_skipped_identity_enforced_by_a_statement_reports_the_identity,
    indexes_over_sql_are_enforced_by_sql_databases_only,
    base_filter_sql_is_the_identity_index_condition,
);

fn is_ets(d: &Domain) -> bool {
    d.data_layer(Account::info()).unwrap().name() == "ets"
}

/// An account whose email, handle and nick are all its own.
fn account(handle: &str) -> AccountCreate {
    Account::create().email(format!("{handle}@example.com")).handle(handle).nick(handle)
}

fn count(d: &Domain) -> usize {
    Account::read().run(d).unwrap().len()
}

fn a_unique_custom_index_over_columns_reports_its_message(d: &Domain) {
    account("ann").first_name("Ann").last_name("Lee").run(d).unwrap();
    let err = account("ann2").first_name("Ann").last_name("Lee").run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: first_name, last_name: that name is taken");
    assert_eq!(count(d), 1, "nothing written");
    // Nils are distinct in a SQL unique index, and so on ETS.
    account("a").first_name("Ann").run(d).unwrap();
    account("b").first_name("Ann").run(d).unwrap();
    // An update into the taken name is refused the same way.
    let bob = account("bob").first_name("Bob").last_name("Lee").run(d).unwrap();
    let err = bob.update().first_name("Ann").run(d).unwrap_err();
    assert_eq!(err.message_for("first_name"), Some("that name is taken"));
}

fn a_unique_custom_index_without_a_message_says_taken(d: &Domain) {
    account("ann").slug("ann").run(d).unwrap();
    let err = account("ann2").slug("ann").run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: slug: has already been taken");
}

fn a_renamed_identity_index_reports_the_identity(d: &Domain) {
    account("ann").run(d).unwrap();
    // A column index: SQLite names its columns.
    let err = account("other").handle("ann").run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: handle: has already been taken");
    // An expression index (`IFNULL`: a nil nick is a value): SQLite names the index.
    let err = account("bob").nick("ann").run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: nick: nick is taken");
    Account::create().email("nil@example.com").handle("nil").run(d).unwrap();
    let err = Account::create().email("nil2@example.com").handle("nil2").run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: nick: nick is taken");
    assert_eq!(count(d), 2);
}

fn a_skipped_identity_enforced_by_a_statement_reports_the_identity(d: &Domain) {
    account("ann").code("ab-1").run(d).unwrap();
    let err = account("bob").code("ab-1").run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: code: code is in use");
    // The statement's index ignores case; ETS holds the identity as declared.
    let other_case = account("carl").code("AB-1").run(d);
    if is_ets(d) {
        other_case.unwrap();
    } else {
        assert_eq!(other_case.unwrap_err().message_for("code"), Some("code is in use"));
    }
}

fn indexes_over_sql_are_enforced_by_sql_databases_only(d: &Domain) {
    account("ann").team("red").run(d).unwrap();
    // `lower(email)`: SQL, which ETS cannot evaluate, so it does not enforce it.
    let shouted = Account::create().email("ANN@example.com").handle("ann2").nick("ann2").run(d);
    // `[team] where active = 1`: a SQL condition, likewise.
    let same_team = account("bob").team("red").run(d);
    if is_ets(d) {
        shouted.unwrap();
        same_team.unwrap();
        assert_eq!(count(d), 3, "ETS enforces no index over SQL");
        return;
    }
    assert_eq!(shouted.unwrap_err().to_string(), "invalid input: email: email is taken");
    assert_eq!(same_team.unwrap_err().to_string(), "invalid input: team: team has an active account");
    // Outside the partial index's condition, the team is free.
    account("bob").team("red").active(false).run(d).unwrap();
    assert_eq!(count(d), 2);
}

fn base_filter_sql_is_the_identity_index_condition(d: &Domain) {
    let first = Listing::import().sku("a-1").price(10).run(d).unwrap();
    // An upsert on the partial index finds the row (SQL restates the condition).
    let again = Listing::import().sku("a-1").price(12).run(d).unwrap();
    assert_eq!((again.id, again.price), (first.id, 12));
    let err = Listing::create().sku("a-1").price(1).run(d).unwrap_err();
    assert_eq!(err.to_string(), "invalid input: sku: has already been taken");

    // An archived row is outside the index on SQLite; ETS cannot evaluate
    // the SQL condition and holds the identity over every row.
    let archived = Listing::create().sku("a-1").price(1).archived(true).run(d);
    if is_ets(d) {
        assert_eq!(archived.unwrap_err().message_for("sku"), Some("has already been taken"));
    } else {
        archived.unwrap();
        assert_eq!(Listing::read().run(d).unwrap().len(), 2);
    }
}

/// The indexes are in the SQLite schema as declared.
#[test]
fn the_sqlite_schema_has_every_declared_index() {
    let db = Sqlite::memory().unwrap();
    let _d = Domain::new().with_data_layer(db.clone()).register::<Account>().build().unwrap();
    let indexes: Vec<(String, String)> = db
        .with_connection(|conn| {
            let mut statement = conn.prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'accounts' \
                 AND sql IS NOT NULL ORDER BY name",
            )?;
            let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect()
        })
        .unwrap();
    let names: Vec<&str> = indexes.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "accounts_active_team_index",
            "accounts_code_nocase",
            "accounts_first_name_last_name_index",
            "accounts_handle_idx",
            "accounts_lower_email_index",
            "accounts_nick_idx",
            "accounts_slug_index",
            "accounts_team_index",
        ],
        "{indexes:#?}"
    );
    let sql_of = |name: &str| indexes.iter().find(|(n, _)| n == name).map(|(_, sql)| sql.as_str()).unwrap();
    assert_eq!(
        sql_of("accounts_nick_idx"),
        "CREATE UNIQUE INDEX \"accounts_nick_idx\" ON \"accounts\" (IFNULL(\"nick\", x''))"
    );
    assert_eq!(
        sql_of("accounts_lower_email_index"),
        "CREATE UNIQUE INDEX \"accounts_lower_email_index\" ON \"accounts\" (lower(email))"
    );
}
