//! The two surfaces mean the same thing: one resource written as
//! `resource! { .. }` and as `#[resource] struct` gives the same model, and
//! the validator says the same about both.

use proc_macro2::TokenStream;
use quote::quote;

use super::attr::{attr_messages, parse_attr_ok};
use super::{messages, parse_ok};
use crate::model::Resource;

/// `{:#?}` of a model without its spans and without the surface that
/// wrote it (which only the wording of hints reads).
pub(super) fn normalised(resource: &Resource) -> String {
    let debug = strip_spans(&format!("{resource:#?}"));
    debug.lines().filter(|line| !line.trim_start().starts_with("form: ")).collect::<Vec<_>>().join("\n")
}

/// proc-macro2 prints a span as `Span`, or as `bytes(lo..hi)` with its
/// `span-locations` feature (and then adds a `span:` line to every `Ident`);
/// both become nothing here, so that what is compared is names, values and
/// structure.
fn strip_spans(debug: &str) -> String {
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug;
    while let Some(start) = rest.find("bytes(") {
        out.push_str(&rest[..start]);
        out.push_str("Span");
        let after = &rest[start..];
        rest = &after[after.find(')').map_or(after.len(), |end| end + 1)..];
    }
    out.push_str(rest);
    out.lines().filter(|line| line.trim() != "span: Span,").collect::<Vec<_>>().join("\n")
}

#[track_caller]
fn assert_same(block: TokenStream, args: TokenStream, item: TokenStream) {
    let block = normalised(&parse_ok(block));
    let attr = normalised(&parse_attr_ok(args, item));
    if block != attr {
        let first = block.lines().zip(attr.lines()).position(|(b, a)| b != a).unwrap_or(0);
        let context = |text: &str| text.lines().skip(first.saturating_sub(8)).take(16).collect::<Vec<_>>().join("\n");
        panic!(
            "the surfaces differ at line {}\n--- block:\n{}\n--- attribute:\n{}",
            first + 1,
            context(&block),
            context(&attr)
        );
    }
}

#[test]
fn the_normaliser_removes_spans_of_both_kinds() {
    let with_locations = "Ident {\n    sym: a,\n    span: bytes(3..4),\n}\n(\n    Create,\n    bytes(10..16),\n)";
    let without = "Ident {\n    sym: a,\n}\n(\n    Create,\n    Span,\n)";
    assert_eq!(strip_spans(with_locations), without);
    assert_eq!(strip_spans(without), without);
}

/// Every option of every section, written both ways.
#[test]
fn every_option_gives_the_same_model() {
    let block = quote! {
        /// A user.
        #[derive(Hash)]
        pub User {
            data_layer: Sqlite,
            attributes {
                uuid_primary_key id;
                /// The first name.
                attribute first_name: String {
                    allow_nil: false, public: true,
                    constraints { max_length: 100, min_length: 1, trim: true, allow_empty: false, match: "^[a-z]+$" }
                }
                attribute middle_name: Option<String>;
                attribute last_name: String;
                attribute email: CiString { public: true }
                attribute admin: bool {
                    default: false, writable: true, sensitive: false, description: "an admin",
                    primary_key: false, generated: false, update_default: false
                }
                attribute score: i64 { constraints { min: -5, max: 100, greater_than: -6, less_than: 100.5 } }
                attribute kind: String;
                attribute nickname: Option<String>;
                attribute account_type: String;
                attribute age: i64;
                attribute starts_at: i64;
                attribute ends_at: i64;
                create_timestamp inserted_at;
                update_timestamp updated_at;
            }
            identities {
                identity email [email] { pre_check: true, eager_check: true, message: "is taken", nils_distinct: false, field_names: [email] }
                identity names [first_name, middle_name, last_name];
            }
            validations {
                validate present([first_name, last_name], at_least: 1, at_most: 2, exactly: 1);
                validate string_length(first_name, min: 2, max: 50, exact: 9) { on: [create, update], message: "custom" };
                validate compare(age, greater_than_or_equal_to: 18, less_than_or_equal_to: 120, is_equal: 30);
                validate compare(ends_at, greater_than: starts_at, less_than: 99);
                validate match(email, "@");
                validate one_of(kind, ["a", "b"]);
                validate absent([admin]) { on: [destroy] };
                validate attribute_equals(kind, "a");
                validate attribute_does_not_equal(kind, "b");
            }
            actions {
                default_accept [first_name, last_name, email];
                defaults [read, update, destroy];
                create new_customer {
                    accept [first_name, last_name, email];
                    require_attributes [email];
                    primary: true;
                    argument password: String { allow_nil: false, sensitive: true, default: String::new(), constraints { min_length: 8 } }
                    argument password_confirmation: String;
                    change set_attribute(account_type, "customer");
                    change set_attribute(nickname, arg(nickname));
                    change set_new_attribute(admin, false);
                    validate confirm(password, password_confirmation);
                    validate present(nickname) { message: "needs a nickname" };
                    upsert: true;
                    upsert_identity: email;
                    upsert_fields: [first_name];
                }
                read active {
                    filter: expr(admin == true && !is_nil(email) || first_name == ^some_rust_expr);
                    get: true;
                }
                read by_names { get_by: [first_name, last_name]; }
                read paged {
                    pagination { offset: true, keyset: true, default_limit: 20, max_page_size: 100, countable: true }
                }
                read by_keyset { pagination: { keyset: true, offset: false } }
                update promote { accept [admin]; change set_attribute(admin, true); }
                destroy archive;
            }
            sqlite {
                table: "users";
                unique_index_names: [([email], "users_lower_email_index", "is taken"), ([first_name, last_name], "users_names_index")];
            }
        }
    };
    let args = quote!(data_layer = sqlite);
    let item = quote! {
        /// A user.
        #[derive(Hash)]
        #[identity(email, keys(email), pre_check, eager_check = true, message = "is taken", nils_distinct = false, field_names(email))]
        #[identity(names, keys(first_name, middle_name, last_name))]
        #[validate(present(first_name, last_name, at_least = 1, at_most = 2, exactly = 1))]
        #[validate(string_length(first_name, min = 2, max = 50, exact = 9), on(create, update), message = "custom")]
        #[validate(compare(age, greater_than_or_equal_to = 18, less_than_or_equal_to = 120, is_equal = 30))]
        #[validate(compare(ends_at, greater_than = starts_at, less_than = 99))]
        #[validate(r#match(email, "@"))]
        #[validate(one_of(kind, ["a", "b"]))]
        #[validate(absent(admin), on(destroy))]
        #[validate(attribute_equals(kind, "a"))]
        #[validate(attribute_does_not_equal(kind, "b"))]
        #[actions(default_accept(first_name, last_name, email), defaults(read, update, destroy))]
        #[action(create, new_customer,
            accept(first_name, last_name, email),
            require_attributes(email),
            primary,
            argument(password: String, allow_nil = false, sensitive, default = String::new(), constraints(min_length = 8)),
            argument(password_confirmation: String),
            change(set_attribute(account_type, "customer")),
            change(set_attribute(nickname, arg(nickname)), set_new_attribute(admin, false)),
            validate(confirm(password, password_confirmation)),
            validate(present(nickname), message = "needs a nickname"),
            upsert,
            upsert_identity = email,
            upsert_fields(first_name))]
        #[action(read, active, filter(admin == true && !is_nil(email) || first_name == ^some_rust_expr), get)]
        #[action(read, by_names, get_by(first_name, last_name))]
        #[action(read, paged, pagination(offset, keyset = true, default_limit = 20, max_page_size = 100, countable))]
        #[action(read, by_keyset, pagination(keyset, offset = false))]
        #[action(update, promote, accept(admin), change(set_attribute(admin, true)))]
        #[action(destroy, archive)]
        #[sqlite(table = "users")]
        #[sqlite(unique_index_names(([email], "users_lower_email_index", "is taken"), ([first_name, last_name], "users_names_index")))]
        pub struct User {
            #[attribute(uuid_primary_key)]
            pub id: ::resource::__private::uuid::Uuid,
            /// The first name.
            #[attribute(allow_nil = false, public, constraints(max_length = 100, min_length = 1, trim, allow_empty = false, r#match = "^[a-z]+$"))]
            pub first_name: String,
            pub middle_name: Option<String>,
            last_name: String,
            #[attribute(public)]
            email: CiString,
            #[attribute(default = false, writable, sensitive = false, description = "an admin")]
            #[attribute(primary_key = false, generated = false, update_default = false)]
            admin: bool,
            #[attribute(constraints(min = -5, max = 100, greater_than = -6, less_than = 100.5))]
            score: i64,
            kind: String,
            nickname: Option<String>,
            account_type: String,
            #[attribute]
            age: i64,
            starts_at: i64,
            ends_at: i64,
            #[attribute(create_timestamp)]
            inserted_at: ::resource::__private::chrono::DateTime<::resource::__private::chrono::Utc>,
            #[attribute(update_timestamp)]
            updated_at: ::resource::__private::chrono::DateTime<::resource::__private::chrono::Utc>,
        }
    };
    assert_same(block, args, item);
}

#[test]
fn defaults_and_shorthands_give_the_same_model() {
    assert_same(
        quote!(Counter { attributes { integer_primary_key id; } }),
        quote!(),
        quote!(
            struct Counter {
                #[attribute(integer_primary_key)]
                id: i64,
            }
        ),
    );
    assert_same(
        quote!(pub(crate) Part { data_layer: Embedded, attributes { attribute name: String; } }),
        quote!(data_layer = embedded),
        quote!(
            pub(crate) struct Part {
                name: String,
            }
        ),
    );
}

#[test]
fn accept_all_and_upsert_fields_forms_give_the_same_model() {
    assert_same(
        quote!(T {
            attributes { uuid_primary_key id: Uuid; attribute name: String; }
            actions {
                default_accept *;
                create a { upsert_fields: replace_all; accept *; }
                create b { upsert_fields: replace_all_except([id, name]); }
                create c { upsert_fields: replace([name]); upsert_identity: name; }
                create d { upsert_fields: [name]; }
            }
        }),
        quote!(),
        quote! {
            #[actions(default_accept(*))]
            #[action(create, a, upsert_fields = replace_all, accept(*))]
            #[action(create, b, upsert_fields = replace_all_except(id, name))]
            #[action(create, c, upsert_fields = replace([name]), upsert_identity(name))]
            #[action(create, d, upsert_fields(name))]
            struct T {
                #[attribute(uuid_primary_key)]
                id: Uuid,
                name: String,
            }
        },
    );
}

#[test]
fn the_block_spellings_are_accepted_in_attributes_too() {
    assert_same(
        quote!(T {
            attributes { uuid_primary_key id: Uuid; attribute name: String { public: true, constraints { trim: false } } }
            identities { identity by_name [name] { pre_check: false } }
            validations { validate present([name]) { on: [create] }; }
            actions { default_accept [name]; defaults [create]; read r { filter: expr(name == "x"); } }
            sqlite { table: "t"; }
        }),
        quote!(table = "t"),
        quote! {
            #[identity(by_name, keys = [name], pre_check: false)]
            #[validate(present([name]), on = [create])]
            #[actions(default_accept = [name], defaults = [create])]
            #[action(read, r, filter = expr(name == "x"))]
            struct T {
                #[attribute(uuid_primary_key)]
                id: Uuid,
                #[attribute(public = true, constraints = { trim: false })]
                name: String,
            }
        },
    );
}

/// What the validator reports is worded and ordered the same for both,
/// but for the hints that show syntax: each is in its surface's.
#[test]
fn the_validator_reports_the_same_errors() {
    let block = messages(quote!(User {
        attributes {
            attribute name: String { allow_nil: true, alow_nil: false }
            attribute age: i64 { constraints { max_length: 3 } }
        }
        identities { identity unique_name [nmae]; }
        actions { defaults [create]; create create; read r { upsert: true; } }
    }));
    let attr = attr_messages(
        quote!(),
        quote! {
            #[identity(unique_name, keys(nmae))]
            #[actions(defaults(create))]
            #[action(create, create)]
            #[action(read, r, upsert)]
            struct User {
                #[attribute(allow_nil, alow_nil = false)]
                name: String,
                #[attribute(constraints(max_length = 3))]
                age: i64,
            }
        },
    );
    // One error per mistake: the unknown option, the duplicate action, the
    // missing primary key, `allow_nil` against the type, the constraint, the
    // identity key, `upsert` on a read.
    assert_eq!(block.len(), 7, "{block:#?}");
    // The unknown option is listed among different names in each surface
    // (the attribute form's `#[attribute(..)]` also takes the kinds), but
    // the suggestion is the same.
    assert_eq!(attr.len(), block.len(), "{attr:#?}");
    let in_syntax = [2, 3];
    for (i, (block, attr)) in block.iter().zip(&attr).enumerate().filter(|(i, _)| !in_syntax.contains(i)) {
        assert_eq!(block, attr, "message {i}");
    }
    assert_eq!(
        [&block[2], &block[3]],
        [
            "`User` has no primary key; add `uuid_primary_key id;` to `attributes`, or `primary_key: true` to an attribute",
            "`allow_nil: true` but the type `String` is not an `Option`; write `Option<String>` or remove the option",
        ]
    );
    assert_eq!(
        [&attr[2], &attr[3]],
        [
            "`User` has no primary key; add a field `#[attribute(uuid_primary_key)] id: Uuid`, or `primary_key` to a field's `#[attribute(..)]`",
            "`allow_nil` but the type `String` is not an `Option`; write `Option<String>` or remove the option",
        ]
    );
}

/// Custom changes and validations, resource-wide and in an action, with
/// `on`, `where`, `only_when_valid` and `message`.
#[test]
fn custom_changes_and_validations_give_the_same_model() {
    assert_same(
        quote!(Post {
            attributes {
                integer_primary_key id;
                attribute title: String { public: true }
                attribute counter: i64 { public: true }
            }
            validations {
                validate Increasing { field: "counter" } on [update] message: "must grow";
                validate no_bang where [present(title), Long::new(3)] only_when_valid: true;
            }
            changes {
                change Log("all");
                change stamp on [create, destroy];
            }
            actions {
                default_accept [title, counter];
                create create {
                    change Slugify { from: "title" };
                    change set_attribute(counter, 1);
                    change changes::Audit;
                    validate Checked { strict: true } where present(counter);
                }
            }
        }),
        quote!(),
        quote!(
            #[validate(Increasing { field: "counter" }, on(update), message = "must grow")]
            #[validate(no_bang, where(present(title), Long::new(3)), only_when_valid)]
            #[change(Log("all"))]
            #[change(stamp, on(create, destroy))]
            #[actions(default_accept(title, counter))]
            #[action(create, create,
                change(Slugify { from: "title" }, set_attribute(counter, 1), changes::Audit),
                validate(Checked { strict: true }, where(present(counter))))]
            struct Post {
                #[attribute(integer_primary_key)]
                id: i64,
                #[attribute(public)]
                title: String,
                #[attribute(public)]
                counter: i64,
            }
        ),
    );
}

/// Every option of the `sqlite` section and of its nested sections.
#[test]
fn every_sqlite_option_gives_the_same_model() {
    assert_same(
        quote!(Post {
            data_layer: Sqlite,
            attributes {
                uuid_primary_key id: Uuid;
                attribute title: String;
                attribute body: Option<String>;
                attribute price: Decimal;
            }
            identities { identity unique_title [title]; }
            relationships { belongs_to author: Author; }
            sqlite {
                table: "posts";
                repo: BlogRepo;
                migrate: false;
                migration_types: [price: "NUMERIC", body: "TEXT"];
                migration_defaults: [title: "'untitled'"];
                migration_ignore_attributes: [body];
                base_filter_sql: "title <> ''";
                skip_unique_indexes: [unique_title];
                unique_index_names: [([title], "posts_lower_title_index", "is taken")];
                exclusion_constraint_names: [(price, "posts_price_excl")];
                identity_index_names: [unique_title: "posts_title_idx"];
                foreign_key_names: [(author_id, "posts_author_fkey", "no such author")];
                polymorphic: false;
                custom_indexes {
                    index [title, "lower(body)"] {
                        name: "posts_search_index", unique: true, using: "btree", where: "price > 0",
                        message: "is taken", include: [price]
                    }
                    index [body];
                }
                custom_statements {
                    statement fts { up: "CREATE ..", down: "DROP ..", code: false }
                }
                references {
                    polymorphic_on_delete: delete;
                    polymorphic_on_update: nilify;
                    polymorphic_name: "posts_fkey";
                    reference author {
                        ignore: false, on_delete: restrict, on_update: update, deferrable: false,
                        name: "posts_author_fkey", index: true
                    }
                }
            }
        }),
        quote!(data_layer = sqlite),
        quote! {
            #[identity(unique_title, keys(title))]
            #[belongs_to(author: Author)]
            #[sqlite(table = "posts", repo = BlogRepo, migrate = false)]
            #[sqlite(migration_types(price = "NUMERIC", body = "TEXT"), migration_defaults(title = "'untitled'"))]
            #[sqlite(migration_ignore_attributes(body), base_filter_sql = "title <> ''", skip_unique_indexes(unique_title))]
            #[sqlite(unique_index_names(([title], "posts_lower_title_index", "is taken")))]
            #[sqlite(exclusion_constraint_names((price, "posts_price_excl")))]
            #[sqlite(identity_index_names(unique_title = "posts_title_idx"))]
            #[sqlite(foreign_key_names((author_id, "posts_author_fkey", "no such author")), polymorphic = false)]
            #[sqlite(custom_indexes(
                index([title, "lower(body)"], name = "posts_search_index", unique, using = "btree",
                    where = "price > 0", message = "is taken", include(price)),
                index(body),
            ))]
            #[sqlite(custom_statements(statement(fts, up = "CREATE ..", down = "DROP ..", code = false)))]
            #[sqlite(references(
                polymorphic_on_delete = delete,
                polymorphic_on_update = nilify,
                polymorphic_name = "posts_fkey",
                reference(author, ignore = false, on_delete = restrict, on_update = update, deferrable = false,
                    name = "posts_author_fkey", index),
            ))]
            struct Post {
                #[attribute(uuid_primary_key)]
                id: Uuid,
                title: String,
                body: Option<String>,
                price: Decimal,
            }
        },
    );
}

/// The block form's spellings inside `#[sqlite(..)]`: `[..]` lists,
/// `key: value` pairs, `{ .. }` sections with their entries.
#[test]
fn the_block_spellings_of_the_sqlite_section_are_accepted_in_attributes_too() {
    assert_same(
        quote!(Post {
            attributes { uuid_primary_key id: Uuid; attribute title: String; }
            relationships { belongs_to author: Author; }
            sqlite {
                migration_types: [title: "TEXT"];
                migration_ignore_attributes: [title];
                custom_indexes { index [title] { unique: true } }
                references { reference author { on_delete: delete } }
            }
        }),
        quote!(),
        quote! {
            #[belongs_to(author: Author)]
            #[sqlite(migration_types = [title: "TEXT"], migration_ignore_attributes = [title])]
            #[sqlite(custom_indexes = { index [title] { unique: true } })]
            #[sqlite(references: { reference author { on_delete: delete } })]
            struct Post {
                #[attribute(uuid_primary_key)]
                id: Uuid,
                title: String,
            }
        },
    );
}
