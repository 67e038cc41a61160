//! The validator: one test per rule, on the messages users read.

use proc_macro2::TokenStream;
use quote::quote;

use super::messages;

/// The errors of a resource whose `attributes` start with `uuid_primary_key id;`.
fn errors_of(attributes: TokenStream, rest: TokenStream) -> Vec<String> {
    messages(quote!(User {
        attributes { uuid_primary_key id; #attributes }
        #rest
    }))
}

#[test]
fn a_valid_resource_has_no_errors() {
    let errors = errors_of(
        quote! {
            attribute name: String { allow_nil: false, constraints { min_length: 1, max_length: 10, match: "^[a-z]+$" } }
            attribute nickname: Option<String> { allow_nil: true }
            attribute age: Option<i64> { constraints { min: 0, max: 150 } }
            attribute email: CiString;
            attribute tags: Vec<String> { constraints { max_length: 3 } }
            attribute custom: MyType { constraints { min: 1, match: "x" } }
            create_timestamp inserted_at;
        },
        quote! {
            identities { identity unique_email [email] { field_names: [email] } }
            validations { validate present([name, email], at_least: 2); }
            actions {
                default_accept [name, nickname, email];
                defaults [read, update, destroy];
                create signup {
                    primary: true;
                    argument password: String;
                    argument password_confirmation: String;
                    require_attributes [email];
                    validate confirm(password, password_confirmation);
                    change set_attribute(nickname, arg(password));
                    upsert: true;
                    upsert_identity: unique_email;
                    upsert_fields: replace_all_except([email]);
                }
                read adults { filter: expr(age >= 18 && !is_nil(email)); get: false; }
            }
        },
    );
    assert_eq!(errors, Vec::<String>::new());
}

#[test]
fn unknown_options_suggest_the_closest_name() {
    let errors = messages(quote!(User {
        data_layer: Mongo,
        atributes {}
        attributes {
            uuid_primary_key id;
            attribute name: String { alow_nil: false, frobnicate: 1 }
        }
        actions { defaults [delete]; }
    }));
    assert_eq!(
        errors,
        [
            "unknown data layer `Mongo`; expected one of `Ets`, `Sqlite`, `Postgres` or `Embedded`",
            "unknown section `atributes`; did you mean `attributes`?",
            "unknown option `alow_nil`; did you mean `allow_nil`?",
            "unknown option `frobnicate`; expected one of `allow_nil`, `public`, `writable`, `primary_key`, `sensitive`, `generated`, `default`, `update_default`, `description` or `constraints`",
            "unknown action type `delete`; did you mean `destroy`? (Ash's name for the action that deletes)",
        ]
    );
}

#[test]
fn names_declared_twice() {
    let errors = errors_of(
        quote!(attribute email: String; attribute email: String;),
        quote! {
            identities { identity unique [email]; identity unique [email]; }
            actions {
                defaults [create];
                create create;
                update edit;
                destroy edit { argument a: i64; argument a: i64; }
            }
        },
    );
    assert_eq!(
        errors,
        [
            "duplicate attribute `email`; attribute names must be unique",
            "duplicate identity `unique`; identity names must be unique",
            "duplicate action `create`: `defaults` already declares it; rename this action or remove `create` from `defaults`",
            "duplicate action `edit`; action names must be unique",
            "duplicate argument `a`; argument names must be unique",
        ]
    );
}

#[test]
fn a_primary_key_is_required_except_when_embedded() {
    assert_eq!(
        messages(quote!(User { attributes { attribute name: String; } })),
        [
            "`User` has no primary key; add `uuid_primary_key id;` to `attributes`, or `primary_key: true` to an attribute"
        ]
    );
    assert_eq!(
        messages(quote!(Address { data_layer: Embedded, attributes { attribute street: String; } })),
        Vec::<String>::new()
    );
    assert_eq!(
        messages(quote!(Tag { attributes { attribute name: String { primary_key: true } } })),
        Vec::<String>::new()
    );
}

#[test]
fn a_primary_key_is_never_optional() {
    let errors = messages(quote!(T { attributes { attribute id: Option<i64> { primary_key: true } } }));
    assert_eq!(errors, ["primary key `id` cannot be an `Option`: a primary key is never nil; write `i64`"]);
}

#[test]
fn allow_nil_must_agree_with_the_type() {
    let errors = errors_of(
        quote! {
            attribute name: String { allow_nil: true }
            attribute nickname: Option<String> { allow_nil: false }
        },
        quote!(actions { create c { argument code: std::option::Option<i64> { allow_nil: false } } }),
    );
    assert_eq!(
        errors,
        [
            "`allow_nil: true` but the type `String` is not an `Option`; write `Option<String>` or remove the option",
            "`allow_nil: false` but the type is `Option<String>`; remove the option or the `Option`",
            "`allow_nil: false` but the type is `std::option::Option<i64>`; remove the option or the `Option`",
        ]
    );
}

#[test]
fn constraints_must_fit_the_type() {
    let errors = errors_of(
        quote! {
            attribute age: i64 { constraints { max_length: 3, match: "x", trim: true } }
            attribute name: Option<String> { constraints { min: 1, min_length: 10, max_length: 5 } }
            attribute active: bool { constraints { allow_empty: false } }
            attribute score: f64 { constraints { min: 10, max: 1.5 } }
        },
        quote!(),
    );
    assert_eq!(
        errors,
        [
            "`max_length` applies to strings and lists, but `age` is `i64`; remove it",
            "`match` applies to strings, but `age` is `i64`; remove it",
            "`trim` applies to strings, but `age` is `i64`; remove it",
            "`min` applies to numbers, but `name` is `Option<String>`; remove it",
            "`min_length` (10) is greater than `max_length` (5)",
            "`allow_empty` applies to strings, but `active` is `bool`; remove it",
            "`min` (10) is greater than `max` (1.5)",
        ]
    );
}

#[test]
fn regexes_must_compile() {
    let errors = errors_of(
        quote!(attribute name: String { constraints { match: "[a-" } }),
        quote!(validations { validate match(name, "(unclosed"); }),
    );
    assert_eq!(
        errors,
        ["invalid regex in `match`: unclosed character class", "invalid regex in `match`: unclosed group"]
    );
}

#[test]
fn references_must_name_attributes() {
    let errors = errors_of(
        quote!(attribute name: String; attribute email: String;),
        quote! {
            identities { identity unique [emial] { field_names: [mail_address] } }
            validations { validate present([naem]); validate compare(name, greater_than: MAX); }
            actions {
                default_accept [nmae];
                create c { accept [email, phone]; require_attributes [emal]; upsert: true; upsert_fields: [nam]; }
                update u { change set_attribute(nme, "x"); }
                read r { filter: expr(emali == "x" || is_nil(name)); }
            }
        },
    );
    assert_eq!(
        errors,
        [
            "unknown attribute `nmae`; did you mean `name`?",
            "unknown attribute `phone`; the attributes are `id`, `name` and `email`",
            "unknown attribute `emal`; did you mean `email`?",
            "unknown attribute `emial`; did you mean `email`?",
            "unknown attribute `mail_address`; the attributes are `id`, `name` and `email`",
            "unknown attribute `nam`; did you mean `name`?",
            "unknown attribute `naem`; did you mean `name`?",
            "unknown attribute `MAX`; to compare with a Rust value, write it in parentheses: `(MAX)`",
            "unknown attribute `nme`; did you mean `name`?",
            "unknown attribute `emali`; did you mean `email`?",
        ]
    );
}

#[test]
fn validations_of_an_action_may_name_its_arguments() {
    let errors = errors_of(
        quote!(attribute password_hash: String;),
        quote!(actions { create register {
            argument password: String;
            validate confirm(password, password_confirmaton);
            change set_attribute(password_hash, arg(pasword));
            change set_attribute(password_hash, arg(token));
        } }),
    );
    assert_eq!(
        errors,
        [
            "unknown attribute or argument `password_confirmaton`; declare it in `attributes`, or in this action as `argument password_confirmaton: Type;`",
            "action `register` has no argument `pasword`; did you mean `password`?",
            "action `register` has no argument `token`; declare it with `argument token: Type;`",
        ]
    );
}

#[test]
fn upsert_options() {
    let errors = errors_of(
        quote!(attribute email: String;),
        quote! {
            identities { identity unique_email [email]; }
            actions {
                create a { upsert: true; upsert_identity: unique_emial; }
                create b { upsert_identity: unique_email; upsert_fields: replace_all; }
                update c { upsert: true; upsert_identity: unique_email; }
            }
        },
    );
    assert_eq!(
        errors,
        [
            "unknown identity `unique_emial`; did you mean `unique_email`?",
            "`upsert_identity` has no effect without `upsert: true`; add `upsert: true;` to `b`",
            "`upsert_fields` has no effect without `upsert: true`; add `upsert: true;` to `b`",
            "`upsert` applies to create actions only, and `c` is an update action; remove it",
            "`upsert_identity` applies to create actions only, and `c` is an update action; remove it",
        ]
    );
}

#[test]
fn read_options_on_other_actions() {
    let errors = errors_of(
        quote!(attribute name: String;),
        quote!(actions { create c { filter: expr(name == "x"); get: true; } }),
    );
    assert_eq!(
        errors,
        [
            "`filter` applies to read actions only, and `c` is a create action; remove it",
            "`get` applies to read actions only, and `c` is a create action; remove it",
        ]
    );
}

#[test]
fn get_by_names_attributes_each_once() {
    let errors = errors_of(
        quote!(attribute email: CiString; attribute name: String;),
        quote!(actions {
            read by_email { get_by: [emial]; }
            read by_both { get_by: [email, name, email]; }
            read by_nothing { get_by: []; }
            update u { get_by: [email]; }
        }),
    );
    assert_eq!(
        errors,
        [
            "unknown attribute `emial`; did you mean `email`?",
            "`email` is listed twice in `get_by`; remove one",
            "`get_by` names no attribute; list the attributes to look the record up by",
            "`get_by` applies to read actions only, and `u` is an update action; remove it",
        ]
    );
}

#[test]
fn pagination_needs_a_kind_and_sensible_sizes() {
    let errors = errors_of(
        quote!(attribute name: String;),
        quote!(actions {
            read a { pagination { countable: true } }
            read b { pagination { offset: true, default_limit: 0, max_page_size: 0 } }
            read c { pagination { keyset: true, default_limit: 300 } }
            read d { pagination { keyset: true, default_limit: 20, max_page_size: 10 } }
            read e { pagination { offest: true } }
            create f { pagination { offset: true } }
        }),
    );
    assert_eq!(
        errors,
        [
            "unknown option `offest`; did you mean `offset`?",
            "`pagination` applies to read actions only, and `f` is a create action; remove it",
            "the `pagination` of `a` allows neither offset nor keyset pages; add `offset: true` or `keyset: true`",
            "`default_limit` must be at least 1",
            "`max_page_size` must be at least 1",
            "`default_limit` (300) is larger than `max_page_size` (250)",
            "`default_limit` (20) is larger than `max_page_size` (10)",
            // Not also "the `pagination` of `e` allows neither offset nor
            // keyset pages": the misspelt `offest` is the one mistake.
        ]
    );
}

#[test]
fn defaults_and_primary_actions() {
    let errors = errors_of(
        quote!(),
        quote!(actions {
            defaults [create, read, create];
            create signup { primary: true; }
            update a { primary: true; }
            update b { primary: true; }
            update c { primary: false; }
        }),
    );
    assert_eq!(
        errors,
        [
            "`create` is listed twice in `defaults`; remove one",
            "`signup` is `primary: true`, but `defaults` already declares the primary `create` action; remove one of them",
            "`b` is `primary: true`, but `a` already is the primary `update` action; only one action of a kind can be primary",
        ]
    );
}

#[test]
fn accepting_what_cannot_be_written() {
    let errors = errors_of(
        quote! {
            attribute secret: String { writable: false }
            attribute name: String;
            create_timestamp inserted_at;
            update_timestamp updated_at { writable: true }
        },
        quote!(actions {
            default_accept [id, name];
            create c { accept [secret, inserted_at, updated_at]; }
            update u { accept [name]; require_attributes [secret]; }
        }),
    );
    assert_eq!(
        errors,
        [
            "`id` is not writable (it is a `uuid_primary_key`; add `writable: true` to it to allow this); remove it from `default_accept`",
            "`secret` is not writable (it has `writable: false`); remove it from `accept`",
            "`inserted_at` is not writable (it is a `create_timestamp`; add `writable: true` to it to allow this); remove it from `accept`",
            "`secret` is in `require_attributes` but `u` does not accept it; add it to `accept`",
        ]
    );
}

#[test]
fn validations_do_not_run_on_read() {
    assert_eq!(
        errors_of(quote!(attribute a: String;), quote!(validations { validate present(a) { on: [create, read] }; })),
        ["validations run on `create`, `update` and `destroy` actions, not on `read`; remove it"]
    );
}

#[test]
fn counts_and_lengths_of_validations() {
    let errors = errors_of(
        quote!(attribute a: String; attribute b: String;),
        quote!(validations {
            validate present([a, b], at_least: 3);
            validate absent(a, exactly: 2);
            validate string_length(a, min: 5, max: 2);
        }),
    );
    assert_eq!(
        errors,
        [
            "`at_least: 3` but only 2 fields are listed; lower the count or list more fields",
            "`exactly: 2` but only 1 field is listed; lower the count or list more fields",
            "`min` (5) is greater than `max` (2)",
        ]
    );
}

/// Three mistakes in different places give three errors in one compile.
#[test]
fn errors_accumulate() {
    let errors = messages(quote!(User {
        attributes {
            attribute name: String { alow_nil: false }
            attribute name: String;
        }
        actions { create c { accept [nmae]; } }
    }));
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert_eq!(errors[0], "unknown option `alow_nil`; did you mean `allow_nil`?");
    assert!(errors[1].starts_with("duplicate attribute `name`"));
    assert!(errors[2].starts_with("`User` has no primary key"));
    assert!(errors[3].starts_with("unknown attribute `nmae`"));
}

#[test]
fn unique_index_names_name_attributes_and_take_ashs_shape() {
    let errors = errors_of(
        quote!(attribute email: String;),
        quote!(sqlite { unique_index_names: [([emial], "users_email_index"), ([email], "users_lower_email_index", "is taken")]; }),
    );
    assert_eq!(errors, ["unknown attribute `emial`; did you mean `email`?"]);
    let errors = errors_of(quote!(attribute email: String;), quote!(sqlite { unique_index_names: [(email, "x")]; }));
    assert_eq!(errors, ["expected `([keys], \"index_name\")` or `([keys], \"index_name\", \"message\")`"]);
    let errors = errors_of(quote!(attribute email: String;), quote!(sqlite { unique_index_names: [([], "x")]; }));
    assert_eq!(errors, ["list the attributes the index is on: `([a, b], \"index_name\")`"]);
}

#[test]
fn embedded_resources_have_no_relationships_or_aggregates() {
    let errors = messages(quote!(Tag {
        data_layer: Embedded,
        attributes { attribute name: String; }
        relationships { belongs_to owner: Owner; }
        aggregates { count owner_count: owner; }
    }));
    assert!(errors.contains(&"embedded resource `Tag` cannot have relationships: it is stored inside its parent's record; remove `owner`, or give `Tag` a table (`data_layer: Ets` or `Sqlite`)".to_string()), "{errors:?}");
    assert!(errors.contains(&"embedded resource `Tag` cannot have aggregates: it has no related records to aggregate; remove `owner_count`".to_string()), "{errors:?}");
    assert_eq!(
        messages(quote!(Note { embed_nil_values: false, attributes { uuid_primary_key id; } })),
        ["`embed_nil_values: false` is an option of embedded resources; add `data_layer: Embedded` or remove it"]
    );
    assert_eq!(
        messages(quote!(Note { data_layer: Embedded, embed_nil_values: false, attributes { attribute a: i64; } })),
        Vec::<String>::new()
    );
}
