//! The attribute surface: `#[resource(args)]` and its struct in, model out.
//! That every option lands where the block form puts it is checked by
//! `equivalence.rs`; here are the spellings only this surface has, its
//! unknown names, and its errors.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use crate::errors::Errors;
use crate::model::{Accept, AttributeKind, DataLayerKind, Resource, ValidationRule};
use crate::surface::attr;

/// Parses `#[resource(args)] item`, failing the test on any error.
pub(super) fn parse_attr_ok(args: TokenStream, item: TokenStream) -> Resource {
    let mut errors = Errors::new();
    let resource = attr::parse(attr::with_args(args, item), &mut errors);
    let resource = resource.unwrap_or_else(|error| panic!("parse error: {error}"));
    if let Err(error) = errors.finish() {
        panic!("parse error: {error}");
    }
    resource
}

/// The messages of every error, from parsing and from validation.
pub(super) fn attr_messages(args: TokenStream, item: TokenStream) -> Vec<String> {
    let mut errors = Errors::new();
    match attr::parse(attr::with_args(args, item), &mut errors) {
        Ok(resource) => crate::validate::check(&crate::resolve::resolve(&resource), &mut errors),
        Err(error) => errors.push(error),
    }
    match errors.finish() {
        Ok(()) => Vec::new(),
        Err(error) => error.into_iter().map(|error| error.to_string()).collect(),
    }
}

/// The messages of parsing alone, without the validator's.
fn parse_messages(args: TokenStream, item: TokenStream) -> Vec<String> {
    let mut errors = Errors::new();
    if let Err(error) = attr::parse(attr::with_args(args, item), &mut errors) {
        errors.push(error);
    }
    match errors.finish() {
        Ok(()) => Vec::new(),
        Err(error) => error.into_iter().map(|error| error.to_string()).collect(),
    }
}

fn text(tokens: &impl ToTokens) -> String {
    tokens.to_token_stream().to_string()
}

#[test]
fn a_struct_becomes_a_resource() {
    let resource = parse_attr_ok(
        quote!(data_layer = ets),
        quote! {
            /// A product.
            #[derive(Hash)]
            #[identity(unique_name, keys(name))]
            #[serde(rename_all = "camelCase")]
            pub struct Product {
                #[attribute(uuid_primary_key)]
                pub id: Uuid,
                /// Its name.
                #[serde(rename = "title")]
                #[attribute(public, allow_nil = false)]
                pub name: String,
                pub price: Option<Decimal>,
            }
        },
    );
    assert_eq!(resource.ident, "Product");
    assert_eq!(text(&resource.vis), "pub");
    assert_eq!(resource.data_layer.kind, DataLayerKind::Ets);
    let kept: Vec<String> = resource.attrs.iter().map(|attr| text(&attr.path())).collect();
    assert_eq!(kept, ["doc", "derive", "serde"], "helpers removed, the rest kept in order");
    assert_eq!(resource.identities.len(), 1);

    let [id, name, price] = &resource.attributes[..] else { panic!("three attributes") };
    assert_eq!((id.kind, text(&id.ty).as_str()), (AttributeKind::UuidPrimaryKey, "Uuid"));
    let kept: Vec<String> = name.attrs.iter().map(|attr| text(&attr.path())).collect();
    assert_eq!(kept, ["doc", "serde"]);
    assert_eq!(name.public.map(|flag| flag.value), Some(true));
    assert_eq!(name.allow_nil.map(|flag| flag.value), Some(false));
    assert_eq!(price.kind, AttributeKind::Plain);
    assert_eq!(text(&price.ty), "Option < Decimal >");
    assert!(price.public.is_none() && price.attrs.is_empty());
    assert!(resource.unknown_options.is_empty());
}

#[test]
fn data_layer_defaults_to_ets_and_every_spelling_is_accepted() {
    let item = quote!(
        struct T {
            id: i64,
        }
    );
    assert_eq!(parse_attr_ok(quote!(), item.clone()).data_layer.kind, DataLayerKind::Ets);
    for (args, kind) in [
        (quote!(data_layer = sqlite), DataLayerKind::Sqlite),
        (quote!(data_layer = Sqlite), DataLayerKind::Sqlite),
        (quote!(data_layer = embedded), DataLayerKind::Embedded),
        (quote!(data_layer: Ets), DataLayerKind::Ets),
    ] {
        assert_eq!(parse_attr_ok(args, item.clone()).data_layer.kind, kind);
    }
}

#[test]
fn flags_may_be_bare_or_valued() {
    let resource = parse_attr_ok(
        quote!(),
        quote!(
            struct T {
                #[attribute(public, writable = false, sensitive = true, constraints(trim, allow_empty = false))]
                a: String,
            }
        ),
    );
    let a = &resource.attributes[0];
    assert_eq!(a.public.map(|flag| flag.value), Some(true));
    assert_eq!(a.writable.map(|flag| flag.value), Some(false));
    assert_eq!(a.sensitive.map(|flag| flag.value), Some(true));
    assert_eq!(a.constraints.trim.map(|flag| flag.value), Some(true));
    assert_eq!(a.constraints.allow_empty.map(|flag| flag.value), Some(false));
}

#[test]
fn match_may_be_written_raw_or_not() {
    let resource = parse_attr_ok(
        quote!(),
        quote! {
            #[validate(match(a, "x"))]
            #[validate(r#match(a, "y"))]
            struct T {
                #[attribute(constraints(match = "^a"))]
                a: String,
                #[attribute(constraints(r#match = "^b"))]
                b: String,
            }
        },
    );
    let patterns: Vec<String> =
        resource.attributes.iter().filter_map(|a| a.constraints.pattern.as_ref()).map(|p| p.value()).collect();
    assert_eq!(patterns, ["^a", "^b"]);
    let rules: Vec<String> = resource
        .validations
        .iter()
        .map(|v| match &v.rule {
            ValidationRule::Match { pattern, .. } => pattern.value(),
            other => panic!("expected match, got {other:?}"),
        })
        .collect();
    assert_eq!(rules, ["x", "y"]);
}

#[test]
fn present_takes_its_fields_with_or_without_brackets() {
    let resource = parse_attr_ok(
        quote!(),
        quote! {
            #[validate(present(a))]
            #[validate(present(a, b))]
            #[validate(present(a, b, at_least = 1))]
            #[validate(present([a, b], at_least = 1))]
            #[validate(absent(a, b,), on(update))]
            struct T { a: String, b: String }
        },
    );
    let shapes: Vec<(usize, bool)> = resource
        .validations
        .iter()
        .map(|v| match &v.rule {
            ValidationRule::Present { fields, counts } | ValidationRule::Absent { fields, counts } => {
                (fields.len(), counts.at_least.is_some())
            }
            other => panic!("expected present or absent, got {other:?}"),
        })
        .collect();
    assert_eq!(shapes, [(1, false), (2, false), (2, true), (2, true), (2, false)]);
}

#[test]
fn table_may_be_given_to_resource_and_helpers_may_repeat() {
    let resource = parse_attr_ok(
        quote!(table = "items"),
        quote! {
            #[actions(defaults(create, read))]
            #[actions(defaults(update), default_accept(*))]
            #[resource(data_layer = sqlite)]
            struct Item {
                #[attribute(integer_primary_key)]
                #[attribute(public = false)]
                id: i64,
            }
        },
    );
    assert_eq!(resource.data_layer.kind, DataLayerKind::Sqlite);
    let sqlite = resource.sqlite.expect("a sqlite section");
    assert_eq!(sqlite.table.map(|table| table.value()).as_deref(), Some("items"));
    assert_eq!(resource.actions.defaults.len(), 3);
    assert!(matches!(resource.actions.default_accept, Some(Accept::All(_))));
    let id = &resource.attributes[0];
    assert_eq!((id.kind, id.public.map(|flag| flag.value)), (AttributeKind::IntegerPrimaryKey, Some(false)));
    // The second `#[resource(..)]` repeats `data_layer`.
    assert_eq!(
        parse_messages(
            quote!(data_layer = sqlite),
            quote!(
                #[resource(data_layer = sqlite)]
                struct T {
                    id: i64,
                }
            )
        ),
        ["duplicate option `data_layer`; remove one of them"]
    );
}

#[test]
fn unknown_names_are_recorded_with_the_names_valid_there() {
    let resource = parse_attr_ok(
        quote!(data_layr = ets, data_layer = mongo),
        quote! {
            #[identity(by_name, keys(name), precheck)]
            #[validate(presnt(name), on(create))]
            #[validate(present(name), on(craete), mesage = "x")]
            #[actions(default_acept(name), defaults(create, delete))]
            #[action(craete, c, accept(name))]
            #[action(create, c, acept(name), argument(a: String, alow_nil = false, constraints(min_lenght = 1)), change(set_atribute(name, 1)))]
            #[sqlite(tabel = "t")]
            struct T {
                #[attribute(uuid_primary_kee, pubic = true, constraints(max_lenght = 3))]
                name: String,
            }
        },
    );
    let unknown: Vec<(String, &[&str])> =
        resource.unknown_options.iter().map(|u| (u.ident.to_string(), u.expected)).collect();
    let names: Vec<&str> = unknown.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "data_layr",
            "mongo",
            "precheck",
            "presnt",
            "craete",
            "mesage",
            "default_acept",
            "delete",
            "craete",
            "acept",
            "alow_nil",
            "min_lenght",
            "set_atribute",
            "tabel",
            "uuid_primary_kee",
            "pubic",
            "max_lenght",
        ]
    );
    let expected_of = |name: &str| unknown.iter().find(|(n, _)| n == name).map(|(_, expected)| *expected).unwrap();
    assert_eq!(expected_of("data_layr"), ["data_layer", "table", "embed_nil_values"]);
    assert!(expected_of("precheck").contains(&"keys"));
    assert!(expected_of("uuid_primary_kee").contains(&"uuid_primary_key"));
    assert!(expected_of("pubic").contains(&"public"));
    assert_eq!(resource.actions.actions.len(), 1, "the known action still parses");
    assert_eq!(resource.validations.len(), 1, "the unknown rule is left out");

    let messages = attr_messages(
        quote!(),
        quote!(
            struct T {
                #[attribute(uuid_primary_key, pubic)]
                id: Uuid,
            }
        ),
    );
    assert_eq!(messages, ["unknown option `pubic`; did you mean `public`?"]);
}

#[test]
fn duplicates_and_two_kinds_are_reported_without_stopping() {
    let messages = attr_messages(
        quote!(),
        quote! {
            #[identity(a, keys(id), pre_check, pre_check = false)]
            #[action(create, c, primary, primary, argument(x: String, sensitive, sensitive))]
            struct T {
                #[attribute(uuid_primary_key, integer_primary_key, public, public)]
                id: Uuid,
                #[attribute(constraints(min_length = 1))]
                #[attribute(constraints(max_length = 2))]
                name: String,
            }
        },
    );
    assert_eq!(
        messages,
        [
            "duplicate option `pre_check`; remove one of them",
            "duplicate option `primary`; remove one of them",
            "duplicate option `sensitive`; remove one of them",
            "`integer_primary_key` and `uuid_primary_key` cannot both be given: an attribute has one kind",
            "duplicate option `public`; remove one of them",
            "duplicate option `constraints`; remove one of them",
        ]
    );
}

#[test]
fn syntax_errors_are_syn_errors_and_accumulate_across_attributes() {
    let errors = |item: TokenStream| parse_messages(quote!(), item);
    assert_eq!(
        errors(quote!(
            #[identity(by_name)]
            struct T {
                id: Uuid,
            }
        )),
        ["identity `by_name` has no keys; write `#[identity(by_name, keys(field, ..))]`"]
    );
    assert_eq!(
        errors(quote!(
            #[identity]
            struct T {
                id: Uuid,
            }
        )),
        ["expected arguments in parentheses: `#[identity(unique_email, keys(email))]`"]
    );
    assert_eq!(
        errors(quote!(
            #[action(create)]
            struct T {
                id: Uuid,
            }
        )),
        ["expected the action's name after its type: `#[action(create, name, ..)]`"]
    );
    assert_eq!(
        errors(quote!(
            struct T {
                #[attribute(public = yes)]
                id: Uuid,
            }
        )),
        ["expected `true` or `false` for `public`"]
    );
    assert_eq!(
        errors(quote!(
            struct T {
                #[attribute(create_timestamp = true)]
                at: DateTime<Utc>,
            }
        )),
        ["`create_timestamp` takes no value; write `#[attribute(create_timestamp)]`"]
    );
    assert_eq!(
        errors(quote!(
            #[action(create, c, argument(code))]
            struct T {
                id: Uuid,
            }
        )),
        ["expected `: Type` after `code`"]
    );
    assert_eq!(
        errors(quote!(
            #[validate(present)]
            struct T {
                id: Uuid,
            }
        )),
        ["expected arguments in parentheses after `present`, as in `present(field, ..)`"]
    );
    assert_eq!(
        errors(quote!(
            #[action(read, r, filter(a == 1 == 2))]
            struct T {
                a: i64,
            }
        )),
        ["comparison operators cannot be chained; join the comparisons with `&&`"]
    );
    assert_eq!(
        errors(quote! {
            #[identity(by_name)]
            #[action(create)]
            struct T { #[attribute(public = yes)] id: Uuid, #[attribute(allow_nil = no)] b: i64 }
        })
        .len(),
        4,
        "one error per broken attribute"
    );
}

#[test]
fn helpers_in_the_wrong_place_and_items_that_are_no_resource() {
    let errors = |item: TokenStream| parse_messages(quote!(), item);
    assert_eq!(
        errors(quote!(
            #[attribute(public)]
            struct T {
                id: Uuid,
            }
        )),
        ["`#[attribute]` goes on a field of the resource, not on the struct"]
    );
    assert_eq!(
        errors(quote!(
            struct T {
                #[identity(a, keys(id))]
                id: Uuid,
            }
        )),
        ["`#[identity]` goes on the resource's struct, not on a field; move it above `struct`"]
    );
    assert_eq!(
        errors(quote!(
            enum T {
                A,
            }
        )),
        ["`#[resource]` goes on a struct with named fields, one per attribute"]
    );
    assert_eq!(
        errors(quote!(
            struct T(i64);
        )),
        ["a resource needs named fields, one per attribute: `struct User { id: Uuid, .. }`"]
    );
    assert_eq!(
        errors(quote!(
            struct T<X> {
                id: X,
            }
        )),
        ["a resource cannot have generic parameters"]
    );
}

#[test]
fn errors_that_do_not_stop_parsing_come_back_from_parse() {
    // `parse` returns them after the syntax errors, so none is lost.
    let messages = parse_messages(
        quote!(),
        quote!(
            #[identity(a)]
            struct T {
                #[attribute(public, public)]
                id: Uuid,
            }
        ),
    );
    assert_eq!(
        messages,
        [
            "duplicate option `public`; remove one of them",
            "identity `a` has no keys; write `#[identity(a, keys(field, ..))]`",
        ]
    );
}

#[test]
fn fallback_strips_our_helpers_only() {
    let item = quote! {
        /// Docs stay.
        #[derive(Hash)]
        #[identity(a, keys(id))]
        #[validate(present(id))]
        #[actions(defaults(read))]
        #[action(read, r)]
        #[sqlite(table = "t")]
        #[resource(data_layer = sqlite)]
        pub struct T {
            #[attribute(uuid_primary_key)]
            #[serde(rename = "ID")]
            pub id: Uuid,
            #[attribute(public = oops)]
            name: String,
        }
    };
    let expected = quote! {
        /// Docs stay.
        #[derive(Hash)]
        pub struct T {
            #[serde(rename = "ID")]
            pub id: Uuid,
            name: String,
        }
    };
    assert_eq!(attr::fallback(&item).to_string(), expected.to_string());
    let not_a_struct = quote!(
        fn f() {}
    );
    assert_eq!(attr::fallback(&not_a_struct).to_string(), not_a_struct.to_string());
}
