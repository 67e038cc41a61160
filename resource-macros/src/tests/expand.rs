//! Expansion snapshots, one per feature: what the generated code looks like,
//! formatted by prettyplease. A change to the generator shows up here as a
//! diff a reviewer can read. Update with `UPDATE_EXPECT=1 cargo test -p resource-macros`.

use expect_test::{ExpectFile, expect_file};
use proc_macro2::TokenStream;
use quote::quote;

use super::parse_ok;
use crate::errors::Errors;

/// Parses and validates a block-form resource, expands it, and compares the
/// formatted code with the snapshot.
fn assert_expansion(tokens: TokenStream, snapshot: ExpectFile) {
    let resource = parse_ok(tokens);
    let mut errors = Errors::new();
    crate::validate::check(&crate::resolve::resolve(&resource), &mut errors);
    if let Err(error) = errors.finish() {
        panic!("the snapshot's resource does not validate: {error}");
    }
    snapshot.assert_eq(&pretty(crate::expand::expand(&crate::resolve::resolve(&resource))));
}

fn pretty(tokens: TokenStream) -> String {
    let file = syn::parse2::<syn::File>(tokens.clone())
        .unwrap_or_else(|error| panic!("the expansion is not a Rust file ({error}):\n{tokens}"));
    prettyplease::unparse(&file)
}

/// The resource of the design document: the record, `impl Resource` with its
/// table, the default actions' builders, `get`/`get_by_*`, the field handles.
#[test]
fn minimal() {
    assert_expansion(
        quote! {
            /// A product in the shop.
            pub Product {
                data_layer: Ets,
                attributes {
                    uuid_primary_key id;
                    attribute name: String { allow_nil: false, public: true }
                    attribute price: Decimal { allow_nil: false, public: true }
                }
                identities {
                    identity unique_name [name] { pre_check: true }
                }
                actions {
                    default_accept [name, price];
                    defaults [create, read, update, destroy];
                }
            }
        },
        expect_file!["snapshots/minimal.rs"],
    );
}

/// Every attribute kind and option: Ash's per-kind defaults in the table,
/// typed defaults, constraints (a `match` pattern gets a static of its own,
/// decimal bounds stay exact), a sensitive field redacted in `Debug`,
/// `Option` fields with `_opt` setters.
#[test]
fn attributes() {
    assert_expansion(
        quote! {
            pub(crate) Account {
                data_layer: Sqlite,
                attributes {
                    integer_primary_key id;
                    /// Where we write to.
                    attribute email: CiString {
                        allow_nil: false,
                        public: true,
                        description: "The address we write to",
                        constraints { max_length: 160, match: "^[^@]+@[^@]+$" }
                    }
                    attribute password_hash: String { sensitive: true }
                    attribute nickname: Option<String> {
                        public: true,
                        constraints { min_length: 2, trim: false, allow_empty: true }
                    }
                    attribute balance: Decimal { public: true, default: 0, constraints { min: 0, max: 1000.5 } }
                    attribute score: f64 { public: true, constraints { greater_than: 0.5, less_than: 10 } }
                    attribute role: Role { public: true, default: Role::Member }
                    attribute version: i64 { writable: false, default: 1 }
                    create_timestamp inserted_at;
                    update_timestamp updated_at;
                }
                actions {
                    default_accept *;
                    defaults [create, read, update];
                }
            }
        },
        expect_file!["snapshots/attributes.rs"],
    );
}

/// Named actions: accept lists, arguments (with defaults and constraints),
/// changes typed against their attribute, action validations, upserts,
/// read filters with a pinned value, a destroy.
#[test]
fn actions() {
    assert_expansion(
        quote! {
            pub Ticket {
                attributes {
                    uuid_primary_key id;
                    attribute subject: String { allow_nil: false, public: true }
                    attribute status: Status { public: true, default: Status::Open }
                    attribute priority: i64 { public: true, default: 3 }
                    attribute closed_reason: Option<String> { public: true }
                    attribute reporter: String { public: true }
                }
                identities {
                    identity unique_subject [subject, reporter];
                }
                actions {
                    default_accept [subject, priority];
                    defaults [read];
                    create open {
                        primary: true;
                        accept [subject, reporter, priority];
                        argument urgent: bool { default: false }
                        argument note: Option<String>;
                        change set_attribute(status, Status::Open);
                        change set_new_attribute(priority, 3);
                        change set_attribute(closed_reason, arg(note));
                        validate compare(priority, greater_than_or_equal_to: 1, less_than_or_equal_to: 5);
                    }
                    create import {
                        accept [subject, reporter];
                        upsert: true;
                        upsert_identity: unique_subject;
                        upsert_fields: replace_all_except([reporter]);
                    }
                    update close {
                        accept [closed_reason];
                        require_attributes [closed_reason];
                        change set_attribute(status, Status::Closed);
                    }
                    update reopen {
                        change set_attribute(status, Status::Open);
                        change set_attribute(closed_reason, None);
                    }
                    update edit;
                    read open_urgent {
                        filter: expr(status == "open" && priority <= 2 || subject == ^urgent_subject());
                    }
                    read by_subject {
                        get: true;
                        filter: expr(!is_nil(subject));
                    }
                    read by_subject_and_reporter {
                        get_by: [subject, reporter];
                    }
                    read paged {
                        pagination { offset: true, keyset: true, default_limit: 20, countable: true }
                    }
                    destroy archive {
                        validate attribute_equals(status, Status::Closed) { message: "close it first" };
                    }
                }
            }
        },
        expect_file!["snapshots/actions.rs"],
    );
}

/// Resource-wide validations: every built-in rule, `on` and `message`.
/// Calculations, relationships and aggregates: their rows of the table, the
/// record's `Loaded` fields and `from_record`, their handles, a `belongs_to`
/// key typed as the destination's key, the `FieldType`/`RelatedTo` tables
/// and the checks of names on other resources.
#[test]
fn relations() {
    assert_expansion(
        quote! {
            pub Ticket {
                attributes {
                    uuid_primary_key id;
                    attribute subject: String { public: true }
                    attribute priority: i64;
                }
                relationships {
                    belongs_to representative: Representative;
                    has_many comments: Comment;
                    many_to_many tags: Tag { through: TicketTag }
                }
                calculations {
                    /// The subject, shouted.
                    calculate shout: String = expr(upper(subject) <> "!");
                    calculate rep_name: Option<String> = expr(representative.name);
                }
                aggregates {
                    count comment_count: comments { filter: expr(is_nil(hidden_at)) }
                    sum total_likes: comments.likes { default: 0 }
                    first tag_name: tags.name { sort: [name: desc] }
                }
                actions { default_accept [subject, representative_id]; defaults [create, read]; }
                sqlite { polymorphic: true; }
            }
        },
        expect_file!["snapshots/relations.rs"],
    );
}

#[test]
fn validations() {
    assert_expansion(
        quote! {
            pub Person {
                attributes {
                    uuid_primary_key id;
                    attribute first_name: Option<String> { public: true }
                    attribute last_name: Option<String> { public: true }
                    attribute email: String { public: true }
                    attribute email_confirmation: Option<String> { public: true }
                    attribute age: i64 { public: true }
                    attribute retired_at: Option<i64> { public: true }
                    attribute kind: String { public: true }
                }
                validations {
                    validate present([first_name, last_name], at_least: 1);
                    validate absent(retired_at) { on: [create] };
                    validate string_length(email, min: 3, max: 200);
                    validate match(email, "@") { message: "must be an email address" };
                    validate compare(age, greater_than: 17, less_than: retired_at);
                    validate one_of(kind, ["staff", "guest"]);
                    validate attribute_does_not_equal(kind, "root") { on: [create, update] };
                    validate confirm(email, email_confirmation);
                }
                actions {
                    default_accept *;
                    defaults [create, update];
                }
            }
        },
        expect_file!["snapshots/validations.rs"],
    );
}

/// `#[derive(Atom)]`: snake_case names, `Atom`, `AttributeValue`, `Display`,
/// `FromStr` and serde as the name.
#[test]
fn atom() {
    let output = crate::expand::atom::derive(quote! {
        pub enum Status {
            Open,
            InProgress,
            Closed,
        }
    });
    expect_file!["snapshots/atom.rs"].assert_eq(&pretty(output));
}

/// A derive on anything but a fieldless enum is an error at the culprit.
#[test]
fn atom_rejects_fields() {
    let output = crate::expand::atom::derive(quote! {
        enum Shape { Circle(f64), Square { side: f64 }, Point }
    });
    let text = output.to_string();
    assert_eq!(text.matches("compile_error").count(), 2, "{text}");
    assert!(text.contains("`#[derive(Atom)]` needs variants without fields"), "{text}");

    let output = crate::expand::atom::derive(quote!(
        struct Point;
    ));
    assert!(output.to_string().contains("is for enums"), "{output}");
}

/// Traits the user derives on the resource are not derived a second time.
#[test]
fn user_derives_are_kept() {
    let resource = parse_ok(quote! {
        #[derive(Debug, serde::Serialize)]
        pub Tag {
            attributes {
                uuid_primary_key id;
                attribute secret: String { sensitive: true }
            }
        }
    });
    let code = pretty(crate::expand::expand(&crate::resolve::resolve(&resource)));
    assert!(code.contains("#[derive(Debug, serde::Serialize)]"), "{code}");
    assert!(code.contains("#[derive(\n    ::core::clone::Clone,\n    ::core::cmp::PartialEq,\n    ::resource::__private::serde::Deserialize,\n)]"), "{code}");
    assert!(!code.contains("impl ::core::fmt::Debug for Tag"), "{code}");
    assert!(!code.contains("#[serde(crate"), "{code}");
}

/// A resource whose snake_case name is a keyword gets a raw module name.
#[test]
fn keyword_module_names() {
    let resource = parse_ok(quote! {
        pub Match {
            attributes { uuid_primary_key id; }
        }
    });
    let code = pretty(crate::expand::expand(&crate::resolve::resolve(&resource)));
    assert!(code.contains("pub mod r#match {"), "{code}");
}

/// `crate: my_resource;` sends every generated path, the ones in serde's
/// string attributes too, through the override; without it nothing changes.
#[test]
fn crate_override_rebases_every_path() {
    let declaration = |krate: TokenStream| {
        quote! {
            pub Ticket {
                #krate
                attributes {
                    uuid_primary_key id;
                    attribute subject: String { public: true }
                    create_timestamp inserted_at;
                }
                relationships { has_many comments: Comment; }
                actions { defaults [create, read]; read open { filter: expr(subject == "open"); } }
            }
        }
    };
    let expand = |krate| crate::expand::expand(&crate::resolve::resolve(&parse_ok(declaration(krate))));
    let (default, rebased) = (expand(quote!()), expand(quote!(crate: my_resource;)));
    let code = pretty(rebased.clone());
    assert!(!code.contains("::resource::"), "{code}");
    assert!(!code.contains("\"::resource"), "{code}");
    assert!(code.contains("my_resource::__private::ResourceInfo"), "{code}");
    assert!(code.contains("crate = \"my_resource::__private::serde\""), "{code}");
    // Nothing else changes: the tokens are the default's with the root replaced.
    let rebased = rebased.to_string().replace("my_resource :: __private", ":: resource :: __private");
    assert_eq!(rebased.replace("\"my_resource::__private", "\"::resource::__private"), default.to_string());
}

/// `expr!(crate = path; ..)` and `#[atom(crate = path)]` take the override too.
#[test]
fn crate_override_of_expr_and_atom() {
    let code = crate::expr_macro::expand(quote!(crate = "renamed"; price < 1)).to_string();
    assert!(code.contains("renamed :: __private :: Expr"), "{code}");
    assert!(!code.contains(":: resource ::"), "{code}");
    let code = crate::expand::atom::derive(quote! {
        #[atom(crate = renamed)]
        enum Status { Open }
    })
    .to_string();
    assert!(code.contains("impl renamed :: __private :: Atom for Status"), "{code}");
    assert!(!code.contains(":: resource ::"), "{code}");
}

/// The `sqlite` section with every option, as the `sql` field of the table
/// (the rest of the expansion does not depend on it): only what is written
/// is spelled out, the rest is `SqlInfo::DEFAULT`.
#[test]
fn sqlite() {
    let resource = parse_ok(quote! {
        pub Post {
            data_layer: Sqlite,
            attributes {
                uuid_primary_key id;
                attribute title: String;
                attribute body: Option<String>;
                attribute r#type: String;
            }
            identities { identity unique_title [title]; }
            relationships { belongs_to author: Author; belongs_to editor: Author; }
            sqlite {
                table: "posts";
                repo: BlogRepo;
                migrate: false;
                migration_types: [r#type: "TEXT"];
                migration_defaults: [title: "'untitled'"];
                migration_ignore_attributes: [body];
                base_filter_sql: "title <> ''";
                skip_unique_indexes: [unique_title];
                unique_index_names: [([title], "posts_lower_title_index", "is taken")];
                identity_index_names: [unique_title: "posts_title_idx"];
                foreign_key_names: [(author_id, "posts_author_fkey", "no such author"), (editor_id, "posts_editor_fkey")];
                exclusion_constraint_names: [(title, "not stored: SQLite has none")];
                custom_indexes {
                    index [title, "lower(body)"] {
                        name: "posts_search_index", unique: true, where: "title <> ''",
                        message: "is taken", include: [body], using: "btree"
                    }
                    index [r#type];
                }
                custom_statements {
                    statement fts { up: "CREATE VIRTUAL TABLE posts_fts USING fts5(title)", down: "DROP TABLE posts_fts" }
                }
                references {
                    polymorphic_on_delete: nilify;
                    reference author { on_delete: delete, on_update: update, deferrable: initially, index: true }
                    reference editor { on_delete: nilify, ignore: true, name: "posts_editor_fkey" }
                }
            }
        }
    });
    let mut errors = Errors::new();
    crate::validate::check(&crate::resolve::resolve(&resource), &mut errors);
    if let Err(error) = errors.finish() {
        panic!("the snapshot's resource does not validate: {error}");
    }
    let sql = crate::expand::sqlite::sql_info(resource.sqlite.as_ref());
    let item = quote!(static SQL: ::resource::__private::SqlInfo = #sql;);
    expect_file!["snapshots/sqlite.rs"].assert_eq(&pretty(item));
}

/// An embedded resource: no primary key, the default actions it does not
/// declare (accepting every writable attribute), `embed_nil_values` in
/// `impl EmbeddedResource`, and `impl AttributeValue` for the record.
#[test]
fn embedded() {
    assert_expansion(
        quote! {
            pub Profile {
                data_layer: Embedded,
                embed_nil_values: false,
                attributes {
                    attribute first_name: Option<String>;
                    attribute visits: i64 { default: 0 }
                }
                actions {
                    defaults [update];
                }
            }
        },
        expect_file!["snapshots/embedded.rs"],
    );
}
