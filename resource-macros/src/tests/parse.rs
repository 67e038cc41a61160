//! The block surface: tokens in, model out.

use quote::{ToTokens, quote};

use super::{messages, parse_ok};
use crate::model::{
    Accept, ActionKind, AttributeKind, Change, ChangeValue, CompareOp, DataLayerKind, FilterExpr, FilterOp, NumberLit,
    Operand, UpsertFields, ValidationRule,
};

fn text(tokens: &impl ToTokens) -> String {
    tokens.to_token_stream().to_string()
}

#[test]
fn parses_the_whole_grammar() {
    let resource = parse_ok(quote! {
        /// A user.
        #[derive(Hash)]
        pub User {
            data_layer: Sqlite,
            attributes {
                uuid_primary_key id;
                /// The first name.
                attribute first_name: String { allow_nil: false, public: true, constraints { max_length: 100, min_length: 1, trim: true, allow_empty: false, match: "^[a-z]+$" } }
                attribute middle_name: Option<String>;
                attribute last_name: String;
                attribute email: CiString { public: true }
                attribute admin: bool { default: false, writable: true, sensitive: false, description: "an admin", primary_key: false, generated: false }
                attribute score: i64 { constraints { min: -5, max: 100 } }
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
                validate present([first_name, last_name], at_least: 1);
                validate string_length(first_name, min: 2, max: 50) { on: [create, update], message: "custom" };
                validate compare(age, greater_than_or_equal_to: 18);
                validate compare(ends_at, greater_than: starts_at);
                validate match(email, "@");
                validate one_of(kind, ["a", "b"]);
                validate absent([admin]);
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
                    argument password: String { allow_nil: false, sensitive: true, constraints { min_length: 8 } }
                    argument password_confirmation: String;
                    change set_attribute(account_type, "customer");
                    change set_attribute(nickname, arg(nickname));
                    change set_new_attribute(admin, false);
                    validate confirm(password, password_confirmation);
                    upsert: true;
                    upsert_identity: email;
                    upsert_fields: [first_name];
                }
                read active {
                    filter: expr(admin == true && !is_nil(email) || first_name == ^some_rust_expr);
                    get: true;
                }
                update promote { accept [admin]; change set_attribute(admin, true); }
                destroy archive;
            }
            sqlite {
                table: "users";
            }
        }
    });

    assert_eq!(resource.ident, "User");
    assert_eq!(text(&resource.vis), "pub");
    assert_eq!(resource.attrs.len(), 2);
    assert_eq!(resource.data_layer.kind, DataLayerKind::Sqlite);
    assert!(resource.unknown_options.is_empty());

    let id = &resource.attributes[0];
    assert_eq!(id.kind, AttributeKind::UuidPrimaryKey);
    assert_eq!(text(&id.ty), ":: resource :: __private :: uuid :: Uuid");
    let first_name = &resource.attributes[1];
    assert_eq!(first_name.attrs.len(), 1, "the doc comment is kept");
    assert_eq!(first_name.allow_nil.map(|f| f.value), Some(false));
    assert_eq!(first_name.public.map(|f| f.value), Some(true));
    let constraints = &first_name.constraints;
    assert_eq!(constraints.max_length.map(|c| c.value), Some(100));
    assert_eq!(constraints.min_length.map(|c| c.value), Some(1));
    assert_eq!(constraints.trim.map(|f| f.value), Some(true));
    assert_eq!(constraints.allow_empty.map(|f| f.value), Some(false));
    assert_eq!(constraints.pattern.as_ref().map(|p| p.value()).as_deref(), Some("^[a-z]+$"));
    assert_eq!(text(&resource.attributes[2].ty), "Option < String >");
    let admin = &resource.attributes[5];
    assert_eq!(admin.default.as_ref().map(text).as_deref(), Some("false"));
    assert_eq!(admin.description.as_ref().map(|d| d.value()).as_deref(), Some("an admin"));
    assert_eq!(admin.writable.map(|f| f.value), Some(true));
    let score = &resource.attributes[6].constraints;
    assert!(matches!(score.min, Some(NumberLit::Int(-5, _))));
    assert!(matches!(score.max, Some(NumberLit::Int(100, _))));
    let timestamps: Vec<AttributeKind> = resource.attributes[13..].iter().map(|a| a.kind).collect();
    assert_eq!(timestamps, [AttributeKind::CreateTimestamp, AttributeKind::UpdateTimestamp]);

    let email = &resource.identities[0];
    assert_eq!(email.ident, "email");
    assert_eq!(email.keys.len(), 1);
    assert_eq!(email.pre_check.map(|f| f.value), Some(true));
    assert_eq!(email.eager_check.map(|f| f.value), Some(true));
    assert_eq!(email.nils_distinct.map(|f| f.value), Some(false));
    assert_eq!(email.message.as_ref().map(|m| m.value()).as_deref(), Some("is taken"));
    assert_eq!(email.field_names.as_ref().map(Vec::len), Some(1));
    assert_eq!(resource.identities[1].keys.len(), 3);

    assert_eq!(resource.validations.len(), 9);
    assert!(matches!(
        &resource.validations[0].rule,
        ValidationRule::Present { fields, counts } if fields.len() == 2 && counts.at_least.map(|c| c.value) == Some(1)
    ));
    let string_length = &resource.validations[1];
    assert!(matches!(
        &string_length.rule,
        ValidationRule::StringLength { min: Some(min), max: Some(max), exact: None, .. } if min.value == 2 && max.value == 50
    ));
    let on: Vec<ActionKind> = string_length.on.iter().flatten().map(|(kind, _)| *kind).collect();
    assert_eq!(on, [ActionKind::Create, ActionKind::Update]);
    assert_eq!(string_length.message.as_ref().map(|m| m.value()).as_deref(), Some("custom"));
    let ValidationRule::Compare { comparisons, .. } = &resource.validations[2].rule else { panic!("compare") };
    assert!(matches!(comparisons[..], [(CompareOp::GreaterThanOrEqualTo, Operand::Value(_))]));
    let ValidationRule::Compare { comparisons, .. } = &resource.validations[3].rule else { panic!("compare") };
    assert!(matches!(&comparisons[..], [(CompareOp::GreaterThan, Operand::Field(f))] if f == "starts_at"));
    assert!(matches!(&resource.validations[4].rule, ValidationRule::Match { pattern, .. } if pattern.value() == "@"));
    assert!(matches!(&resource.validations[5].rule, ValidationRule::OneOf { values, .. } if values.len() == 2));
    assert!(matches!(resource.validations[6].rule, ValidationRule::Absent { .. }));
    assert!(matches!(resource.validations[7].rule, ValidationRule::AttributeEquals { .. }));
    assert!(matches!(resource.validations[8].rule, ValidationRule::AttributeDoesNotEqual { .. }));

    let actions = &resource.actions;
    assert!(matches!(&actions.default_accept, Some(Accept::List(list)) if list.len() == 3));
    let defaults: Vec<ActionKind> = actions.defaults.iter().map(|(kind, _)| *kind).collect();
    assert_eq!(defaults, [ActionKind::Read, ActionKind::Update, ActionKind::Destroy]);
    let create = &actions.actions[0];
    assert_eq!((create.kind, create.ident.to_string().as_str()), (ActionKind::Create, "new_customer"));
    assert!(matches!(&create.accept, Some(Accept::List(list)) if list.len() == 3));
    assert_eq!(create.require_attributes.len(), 1);
    assert_eq!(create.primary.map(|f| f.value), Some(true));
    assert_eq!(create.arguments.len(), 2);
    assert_eq!(create.arguments[0].constraints.min_length.map(|c| c.value), Some(8));
    assert_eq!(create.arguments[0].sensitive.map(|f| f.value), Some(true));
    assert!(matches!(
        &create.changes[..],
        [
            Change::SetAttribute { value: ChangeValue::Expr(_), .. },
            Change::SetAttribute { value: ChangeValue::Argument(arg), .. },
            Change::SetNewAttribute { .. },
        ] if arg == "nickname"
    ));
    assert!(matches!(create.validations[0].rule, ValidationRule::Confirm { .. }));
    assert_eq!(create.upsert.map(|f| f.value), Some(true));
    assert_eq!(create.upsert_identity.as_ref().map(ToString::to_string).as_deref(), Some("email"));
    assert!(matches!(&create.upsert_fields, Some(UpsertFields::Replace(fields)) if fields.len() == 1));

    let read = &actions.actions[1];
    assert_eq!(read.get.map(|f| f.value), Some(true));
    assert!(matches!(read.filter, Some(FilterExpr::Binary(FilterOp::Or, _, _))));
    assert_eq!(actions.actions[2].changes.len(), 1);
    assert_eq!(actions.actions[3].kind, ActionKind::Destroy);

    let sqlite = resource.sqlite.as_ref().expect("sqlite section");
    assert_eq!(sqlite.table.as_ref().map(|t| t.value()).as_deref(), Some("users"));
}

#[test]
fn data_layer_defaults_to_ets_and_integer_keys_are_i64() {
    let resource = parse_ok(quote!(Counter { attributes { integer_primary_key id; } }));
    assert_eq!(resource.data_layer.kind, DataLayerKind::Ets);
    assert_eq!(text(&resource.vis), "");
    assert_eq!(text(&resource.attributes[0].ty), "i64");
}

#[test]
fn colon_before_a_list_is_optional_and_last_comma_too() {
    let resource = parse_ok(quote!(T {
        attributes: { uuid_primary_key id; attribute a: String { public: true, } }
        actions {
            default_accept: *;
            defaults: [create];
            update edit { accept: [a]; require_attributes [a] }
        }
    }));
    assert!(matches!(resource.actions.default_accept, Some(Accept::All(_))));
    assert!(matches!(&resource.actions.actions[0].accept, Some(Accept::List(list)) if list.len() == 1));
}

#[test]
fn upsert_fields_forms() {
    let resource = parse_ok(quote!(T { actions {
        create a { upsert_fields: replace_all; }
        create b { upsert_fields: replace_all_except([id, name]); }
        create c { upsert_fields: replace([name]); }
    } }));
    let fields: Vec<&UpsertFields> = resource.actions.actions.iter().filter_map(|a| a.upsert_fields.as_ref()).collect();
    assert!(matches!(fields[0], UpsertFields::ReplaceAll(_)));
    assert!(matches!(fields[1], UpsertFields::ReplaceAllExcept(list) if list.len() == 2));
    assert!(matches!(fields[2], UpsertFields::Replace(list) if list.len() == 1));
}

#[test]
fn unknown_names_are_recorded_and_parsing_goes_on() {
    let resource = parse_ok(quote!(T {
        data_layer: Mongo,
        atributes { x }
        attributes {
            uuid_primary_key id;
            atribute a: String { public: true }
            attribute b: String { alow_nil: false, constraints { max_lenght: 3 } }
        }
        actions {
            defaults [create, delete];
            craete c;
            read r { filtr: expr(a == 1); validate presnt([b]); change set_atribute(b, 1); }
        }
    }));
    let unknown: Vec<String> = resource.unknown_options.iter().map(|u| u.ident.to_string()).collect();
    assert_eq!(
        unknown,
        [
            "Mongo",
            "atributes",
            "atribute",
            "alow_nil",
            "max_lenght",
            "delete",
            "craete",
            "filtr",
            "presnt",
            "set_atribute"
        ]
    );
    assert_eq!(resource.attributes.len(), 2, "known entries around unknown ones still parse");
    assert_eq!(resource.actions.actions.len(), 1);
}

#[test]
fn duplicate_options_are_reported_without_stopping() {
    let errors = messages(quote!(T {
        attributes { uuid_primary_key id { public: true, public: false } }
        actions { create c { primary: true; primary: true; } }
    }));
    assert_eq!(
        errors,
        ["duplicate option `public`; remove one of them", "duplicate option `primary`; remove one of them"]
    );
}

#[test]
fn syntax_errors_are_syn_errors() {
    assert_eq!(messages(quote!(T { attributes uuid_primary_key id; })), ["expected curly braces"]);
    assert_eq!(messages(quote!(T { attributes { attribute a String; } })), ["expected `: Type` after `a`"]);
    assert_eq!(
        messages(quote!(T { attributes { attribute a: String { public: yes } } })),
        ["expected `true` or `false` for `public`"]
    );
    assert_eq!(
        messages(quote!(T { attributes { attribute a: String { public true } } })),
        ["expected `:` after `public`"]
    );
    assert_eq!(
        messages(quote!(T { attributes { attribute a: String { public: true allow_nil: false } } })),
        ["expected `,`"]
    );
    assert_eq!(messages(quote!(pub { })), ["expected the resource's name, as in `pub User { .. }`"]);
}

#[test]
fn doc_comments_where_they_cannot_go_are_reported() {
    let errors = messages(quote!(T {
        attributes { uuid_primary_key id; }
        actions { #[doc = "creates"] create c; }
    }));
    assert_eq!(
        errors,
        ["doc comments and attributes are only carried over on the resource and its attributes; remove this one"]
    );
}
