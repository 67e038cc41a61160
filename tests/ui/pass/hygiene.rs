//! The generated code names everything by absolute path: a module that
//! shadows the prelude (`Option`, `Some`, `Ok`, `Vec`, `String`, `vec!`,
//! `format!`, ..), the runtime's names, and even `core` and `std` still
//! compiles. Field names that collide with the generated code's own names
//! (`domain`, `value`, `row`, `r#type`) are fine too.

#![deny(warnings)]

mod app {
    #![allow(dead_code, non_camel_case_types, unused_macros)]

    use ::resource::dsl::resource;

    // The prelude, shadowed (unit structs take both the type and the value name).
    struct Option;
    struct Some;
    struct None;
    struct Result;
    struct Ok;
    struct Err;
    struct Vec;
    struct Box;
    struct String;
    struct Into;
    struct From;
    struct TryFrom;
    struct Clone;
    struct Copy;
    struct Default;
    struct ToString;
    struct Iterator;
    struct IntoIterator;
    struct PartialEq;
    struct Send;
    struct Sync;
    // The runtime's names.
    struct Value;
    struct Row;
    struct Resource;
    struct ResourceInfo;
    struct AttributeValue;
    struct Atom;
    struct Field;
    struct Domain;
    struct Error;
    struct Query;
    struct ActionInput;
    struct Changeset;
    struct Expr;
    // Macros and crates.
    macro_rules! vec {
        ($($t:tt)*) => {
            compile_error!("the generated code called the user's `vec!`")
        };
    }
    macro_rules! format {
        ($($t:tt)*) => {
            compile_error!("the generated code called the user's `format!`")
        };
    }
    mod core {}
    mod std {}
    mod serde {}
    mod resource {}

    #[derive(
        ::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::resource::Atom,
    )]
    pub enum Kind {
        Plain,
        Fancy,
    }

    resource! {
        /// Everything by its full name.
        pub Setting {
            attributes {
                attribute domain: ::std::string::String { primary_key: true, public: true }
                attribute r#type: Kind { primary_key: true, public: true, default: Kind::Plain }
                attribute value: ::core::option::Option<i64> { public: true, default: 0 }
                attribute row: ::std::string::String { public: true, sensitive: true, default: "first" }
                attribute info: ::core::option::Option<::std::string::String> { public: true }
            }
            identities {
                identity unique_row [domain, row];
            }
            validations {
                validate present([value, info], at_most: 2);
                validate compare(value, greater_than: 0);
                validate one_of(r#type, [Kind::Plain, Kind::Fancy]);
            }
            actions {
                default_accept *;
                defaults [create, read, update, destroy];
                update rename {
                    accept [row];
                    argument note: ::core::option::Option<::std::string::String>;
                    change set_attribute(info, arg(note));
                    change set_attribute(value, ::core::option::Option::None);
                }
                read fancy {
                    filter: expr(r#type == "fancy" && value > ^(1 + 1));
                }
                read by_domain_and_type { get_by: [domain, r#type]; }
                read paged { pagination { offset: true, keyset: true, default_limit: 5, countable: true } }
            }
        }
    }

    pub fn check() {
        let _builder = Setting::create()
            .domain("example.org")
            .r#type(Kind::Fancy)
            .value(3)
            .row("a")
            .info_opt(::core::option::Option::None);
        let record = Setting {
            domain: ::std::string::String::from("example.org"),
            r#type: Kind::Fancy,
            value: ::core::option::Option::Some(1),
            row: ::std::string::String::from("a"),
            info: ::core::option::Option::None,
        };
        let _rename = record.rename().row("b").note("why");
        let _query = Setting::fancy().filter_expr(setting::r#type.eq(Kind::Plain)).sort(setting::value.asc());
        let _query =
            Setting::fancy().filter(::resource::expr!(r#type == ^Kind::Plain && value + 1 > 2 || is_nil(info)));
        let _get = |domain: &::resource::Domain| Setting::get(domain, "example.org", Kind::Plain);
        let _by_row = |domain: &::resource::Domain| Setting::get_by_unique_row(domain, "example.org", "a");
        let row = <Setting as ::resource::Resource>::to_row(&record);
        let back = <Setting as ::resource::Resource>::from_row(row).unwrap();
        assert!(back == record);
        let info = <Setting as ::resource::Resource>::info();
        assert!(info.attribute("type").is_some());
        assert!(info.primary_key().count() == 2);
    }
}

fn main() {
    app::check();
}
