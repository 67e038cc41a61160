//! The `sqlite` section: what each option parses into, and the validator's
//! messages about the names it refers to. Both surfaces giving the same
//! model is `equivalence.rs`'s; the generated `SqlInfo` is the `sqlite`
//! expansion snapshot's and `tests/sqlite_section.rs`'s.

use proc_macro2::TokenStream;
use quote::quote;

use super::attr::attr_messages;
use super::{messages, parse_ok};
use crate::model::{Deferrable, IndexField, ReferenceAction, Sqlite};

/// A post with an author, and `sqlite { #section }`.
fn post(section: TokenStream) -> TokenStream {
    quote!(Post {
        data_layer: Sqlite,
        attributes {
            uuid_primary_key id;
            attribute title: String;
            attribute body: Option<String>;
            attribute price: Decimal;
        }
        identities { identity unique_title [title]; }
        relationships {
            belongs_to author: Author { allow_nil: false }
            belongs_to editor: Author;
            has_many comments: Comment;
        }
        sqlite { #section }
    })
}

fn section(tokens: TokenStream) -> Sqlite {
    parse_ok(post(tokens)).sqlite.expect("a sqlite section")
}

fn errors(section: TokenStream) -> Vec<String> {
    messages(post(section))
}

#[test]
fn lists_and_keyword_lists_keep_their_order() {
    let sqlite = section(quote! {
        migrate: false;
        migration_types: [price: "NUMERIC", body: "TEXT"];
        migration_defaults: [title: "'untitled'"];
        migration_ignore_attributes: [body];
        skip_unique_indexes: unique_title;
        identity_index_names: [unique_title: "posts_title_idx"];
        foreign_key_names: [(author_id, "posts_author_fkey", "no such author"), (editor_id, "posts_editor_fkey")];
        base_filter_sql: "1 = 1";
    });
    assert!(sqlite.migrate.is_some_and(|flag| !flag.value));
    let types: Vec<_> = sqlite.migration_types.iter().map(|kv| (kv.key.to_string(), kv.value.value())).collect();
    assert_eq!(types, [("price".into(), "NUMERIC".into()), ("body".into(), "TEXT".into())]);
    assert_eq!(sqlite.migration_defaults[0].value.value(), "'untitled'");
    assert_eq!(sqlite.migration_ignore_attributes[0], "body");
    assert_eq!(sqlite.skip_unique_indexes.len(), 1, "one name alone is a list of one");
    assert_eq!(sqlite.identity_index_names[0].value.value(), "posts_title_idx");
    let names: Vec<_> = sqlite.foreign_key_names.iter().map(|fk| (fk.key.to_string(), fk.message.is_some())).collect();
    assert_eq!(names, [("author_id".into(), true), ("editor_id".into(), false)]);
    assert_eq!(sqlite.base_filter_sql.map(|sql| sql.value()).as_deref(), Some("1 = 1"));
}

#[test]
fn nested_sections_parse_in_both_spellings_and_add_up() {
    let sqlite = section(quote! {
        custom_indexes {
            index [title, "lower(body)"] { unique: true, where: "title <> ''", include: [price, "body"] }
            index body;
        }
        custom_indexes: { index("lower(title)", name: "posts_lower_title_index"); }
        custom_statements { statement fts { up: "CREATE ..", down: "DROP .." } }
        references {
            polymorphic_on_update: update;
            reference author { on_delete: delete, deferrable: initially }
            reference(editor, on_update: nilify, deferrable, ignore);
        }
    });
    let fields: Vec<_> = sqlite
        .custom_indexes
        .iter()
        .map(|index| {
            index
                .fields
                .iter()
                .map(|field| match field {
                    IndexField::Attribute(ident) => ident.to_string(),
                    IndexField::Sql(sql) => format!("sql {}", sql.value()),
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(fields, [vec!["title", "sql lower(body)"], vec!["body"], vec!["sql lower(title)"]]);
    assert_eq!(sqlite.custom_indexes[0].include.len(), 2);
    assert!(sqlite.custom_indexes[0].unique.is_some_and(|flag| flag.value));
    assert_eq!(sqlite.custom_statements[0].ident, "fts");
    let references = &sqlite.references;
    assert_eq!(references.polymorphic_on_update.map(|action| action.value), Some(ReferenceAction::Cascade));
    let [author, editor] = references.references.as_slice() else { panic!("two references") };
    assert_eq!(author.on_delete.map(|a| a.value), Some(ReferenceAction::Cascade));
    assert_eq!(author.deferrable.map(|d| d.value), Some(Deferrable::Initially));
    assert_eq!(editor.on_update.map(|a| a.value), Some(ReferenceAction::Nilify));
    assert_eq!(editor.deferrable.map(|d| d.value), Some(Deferrable::Yes), "bare `deferrable` is `true`");
    assert!(editor.ignore.is_some_and(|flag| flag.value));
}

#[test]
fn a_valid_section_has_no_errors() {
    let errors = errors(quote! {
        table: "posts";
        migration_types: [price: "NUMERIC"];
        skip_unique_indexes: [unique_title];
        identity_index_names: [unique_title: "t"];
        foreign_key_names: [(author_id, "fk")];
        exclusion_constraint_names: [(title, "ex", "overlaps")];
        custom_indexes { index [title] { message: "taken without unique: Ash allows it" } }
        custom_statements { statement a { up: "u", down: "d", code: false } statement b { up: "u", down: "d" } }
        references { reference author { on_delete: restrict } reference editor { on_delete: nilify } }
    });
    assert_eq!(errors, Vec::<String>::new());
}

#[test]
fn keys_name_attributes() {
    let errors = errors(quote! {
        migration_types: [prise: "NUMERIC"];
        migration_defaults: [titel: "''"];
        migration_ignore_attributes: [bdy];
        foreign_key_names: [(auther_id, "fk")];
        exclusion_constraint_names: [(nope, "ex")];
    });
    assert_eq!(
        errors,
        [
            "unknown attribute `auther_id`; did you mean `author_id`?",
            "unknown attribute `nope`; the attributes are `id`, `title`, `body`, `price`, `author_id` and `editor_id`",
            "unknown attribute `prise`; did you mean `price`?",
            "unknown attribute `titel`; did you mean `title`?",
            "unknown attribute `bdy`; did you mean `body`?",
        ]
    );
}

#[test]
fn a_key_is_listed_once() {
    let errors = errors(quote! {
        migration_types: [price: "NUMERIC", price: "REAL"];
        skip_unique_indexes: [unique_title, unique_title];
    });
    assert_eq!(
        errors,
        [
            "`price` is listed twice in `migration_types`; remove one",
            "`unique_title` is listed twice in `skip_unique_indexes`; remove one",
        ]
    );
}

#[test]
fn identity_options_name_identities() {
    let errors = errors(quote! {
        skip_unique_indexes: [unique_titel];
        identity_index_names: [by_slug: "posts_slug_index"];
    });
    assert_eq!(
        errors,
        [
            "unknown identity `unique_titel`; did you mean `unique_title`?",
            "unknown identity `by_slug`; declare it in `identities`: `identity by_slug [..];`",
        ]
    );
}

#[test]
fn custom_indexes_name_attributes_and_have_fields() {
    let errors = errors(quote! {
        custom_indexes {
            index [titel, "lower(whatever)"] { include: [prce], name: "i" }
            index [] { name: "i" }
        }
    });
    assert_eq!(
        errors,
        [
            "unknown attribute `titel`; did you mean `title`?",
            "unknown attribute `prce`; did you mean `price`?",
            "list the fields the index is on: `index [a, b]` (a string is a SQL expression)",
            "two custom indexes are named `i`; rename one",
        ]
    );
}

#[test]
fn custom_statements_are_sql_with_unique_names() {
    let errors = errors(quote! {
        custom_statements {
            statement fts { up: "u", down: "d", code: true }
            statement fts { up: "u" }
            statement other;
        }
    });
    assert_eq!(
        errors,
        [
            "Ash's `code?: true` puts Elixir code into its migrations; these migrations are SQL: \
             write the SQL in `up` and `down` and remove `code`",
            "duplicate custom statement `fts`; statement names must be unique",
            "statement `fts` needs `down`, the SQL that removes it",
            "statement `other` needs `up` and `down`: the SQL that creates it and the SQL that removes it",
        ]
    );
}

#[test]
fn references_configure_belongs_to_relationships_once() {
    let errors = errors(quote! {
        references {
            reference auther;
            reference author_id;
            reference comments;
            reference editor;
            reference editor;
            reference author { on_delete: nilify, on_update: nilify }
        }
    });
    assert_eq!(
        errors,
        [
            "`auther` is no relationship of this resource; did you mean `author`?",
            "`author_id` is the key attribute of `author`; `reference` names the relationship: `reference author`",
            "`comments` is a has_many relationship; `reference` configures the foreign key of a `belongs_to`",
            "duplicate reference for `editor`; configure each relationship once",
            "`on_delete: nilify` sets `author_id` to nil, which it does not allow; \
             choose another action, or let `author` be nil (`allow_nil: true`)",
            "`on_update: nilify` sets `author_id` to nil, which it does not allow; \
             choose another action, or let `author` be nil (`allow_nil: true`)",
        ]
    );
}

#[test]
fn reference_actions_take_ashs_names() {
    let errors = errors(quote! {
        references {
            polymorphic_on_delete: update;
            reference author { on_delete: cascade, on_update: delete }
            reference editor { on_delete: set_null, on_update: no_action, deferrable: initialy }
            reference comments { on_delete: nilfy, on_update: whatever }
        }
    });
    assert_eq!(
        errors[..7],
        [
            "`polymorphic_on_delete` takes `delete`, not `update` (which is `polymorphic_on_update`'s); both mean `CASCADE`",
            "unknown `on_delete` action `cascade`; write `delete` (Ash's name for `ON DELETE CASCADE`)",
            "`on_update` takes `update`, not `delete` (which is `on_delete`'s); both mean `CASCADE`",
            "unknown `on_delete` action `set_null`; write `nilify` (Ash's name for `SET NULL`)",
            "unknown `on_update` action `no_action`; write `nothing` (Ash's name for `NO ACTION`)",
            "expected `true`, `false` or `initially` for `deferrable`; did you mean `initially`?",
            "unknown `on_delete` action `nilfy`; did you mean `nilify`?",
        ]
    );
    assert_eq!(
        errors[7],
        "unknown `on_update` action `whatever`; expected one of `update`, `nilify`, `nothing` or `restrict`"
    );
    // Ash's atom: a syntax error at the `:`.
    let errors = super::sqlite::errors(quote!(references { reference author { on_delete: :delete } }));
    assert_eq!(errors, ["write `delete` (no `:`: Ash's atom `:delete`)"]);
}

#[test]
fn ashs_question_marks_are_pointed_out() {
    let errors = errors(quote! {
        migrate?: false;
        polymorphic?: false;
        custom_statements { statement a { up: "u", down: "d", code?: false } }
        references { reference author { ignore?: true, index?: true } }
    });
    assert_eq!(
        errors,
        [
            "write `migrate` (no `?`: Ash's `migrate?`)",
            "write `polymorphic` (no `?`: Ash's `polymorphic?`)",
            "write `code` (no `?`: Ash's `code?`)",
            "write `ignore` (no `?`: Ash's `ignore?`)",
            "write `index` (no `?`: Ash's `index?`)",
        ]
    );
}

#[test]
fn unknown_names_in_nested_sections_suggest_the_closest() {
    let errors = errors(quote! {
        migrat: false;
        custom_indexes { idex [title]; index [title] { uniqe: true } }
        custom_statements { statment a { up: "u", down: "d" } }
        references { referenc author; reference editor { on_delet: delete } }
    });
    assert_eq!(
        errors,
        [
            "unknown option `migrat`; did you mean `migrate`?",
            "unknown keyword `idex`; did you mean `index`?",
            "unknown option `uniqe`; did you mean `unique`?",
            "unknown keyword `statment`; did you mean `statement`?",
            "unknown option `referenc`; did you mean `reference`?",
            "unknown option `on_delet`; did you mean `on_delete`?",
        ]
    );
}

#[test]
fn syntax_errors_say_what_is_expected() {
    for (section, expected) in [
        (
            quote!(migration_types: [price "NUMERIC"];),
            "expected `:` after `price`, as in `migration_types: [price: \"NUMERIC\"]`",
        ),
        (
            quote!(migration_types: [price: NUMERIC];),
            "expected the column's SQL type as a string, as in `migration_types: [price: \"NUMERIC\"]`",
        ),
        (quote!(foreign_key_names: [author_id];), "expected parentheses"),
        (
            quote!(foreign_key_names: [("author_id", "fk")];),
            "expected `(attribute, \"constraint_name\")` or `(attribute, \"constraint_name\", \"message\")` in `foreign_key_names`",
        ),
        (
            quote!(custom_indexes { index [1]; }),
            "expected an attribute or a SQL expression in a string, as in `index [email, \"lower(name)\"]`",
        ),
        (
            quote!(custom_statements { statement "fts" { up: "u" } }),
            "expected the statement's name, as in `statement add_fts { up: \"..\", down: \"..\" }`",
        ),
        (quote!(references: [author];), "expected `{ .. }` after `references`"),
    ] {
        assert_eq!(errors(section.clone()), [expected], "{section}");
    }
}

/// The attribute form says the same about the same mistakes.
#[test]
fn the_attribute_form_reports_the_same() {
    let block = errors(quote! {
        migration_types: [prise: "NUMERIC"];
        custom_statements { statement fts { up: "u", down: "d", code: true } }
        references { reference comments { on_delete: cascade } }
    });
    let attr = attr_messages(
        quote!(data_layer = sqlite),
        quote! {
            #[identity(unique_title, keys(title))]
            #[belongs_to(author: Author, allow_nil = false)]
            #[belongs_to(editor: Author)]
            #[has_many(comments: Comment)]
            #[sqlite(migration_types(prise = "NUMERIC"))]
            #[sqlite(custom_statements(statement(fts, up = "u", down = "d", code)))]
            #[sqlite(references(reference(comments, on_delete = cascade)))]
            struct Post {
                #[attribute(uuid_primary_key)]
                id: Uuid,
                title: String,
                body: Option<String>,
                price: Decimal,
            }
        },
    );
    assert_eq!(block.len(), 4, "{block:#?}");
    assert_eq!(block, attr);
}
