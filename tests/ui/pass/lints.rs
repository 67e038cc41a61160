//! The generated code is clean under strict lints: a documented resource in
//! a library-style module compiles under `deny(missing_docs,
//! missing_debug_implementations, unused_qualifications, ..)`.

#![deny(warnings, missing_docs, missing_debug_implementations, unused_qualifications, unused_results)]
#![deny(trivial_casts, trivial_numeric_casts, unused_import_braces, variant_size_differences)]

/// The resources.
pub mod shop {
    use resource::dsl::resource;
    use resource::prelude::*;

    /// Where a product is.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Atom)]
    pub enum Shelf {
        /// In the front.
        Front,
        /// In the back.
        Back,
    }

    resource! {
        /// A product.
        pub Product {
            attributes {
                /// The key.
                uuid_primary_key id;
                /// The name.
                attribute name: String { allow_nil: false, public: true, constraints { match: "^[A-Z]" } }
                /// The price.
                attribute price: Decimal { public: true, default: 0 }
                /// Where it is.
                attribute shelf: Option<Shelf> { public: true }
                /// A secret.
                attribute code: String { sensitive: true, default: "x" }
                /// When it arrived.
                create_timestamp inserted_at;
            }
            identities {
                identity unique_name [name];
            }
            actions {
                default_accept [name, price, shelf];
                defaults [create, read, update, destroy];
                update move_to {
                    accept [shelf];
                    argument reason: Option<String>;
                    change set_attribute(shelf, Shelf::Back);
                    validate present(shelf);
                }
                read in_front {
                    filter: expr(shelf == ^Shelf::Front);
                }
            }
        }
    }
}

fn main() {
    let builder = shop::Product::create().name("Banana").shelf(shop::Shelf::Front);
    assert_eq!(format!("{builder:?}"), "ProductCreate { .. }");
    let _query = shop::Product::in_front().sort(shop::product::name.asc());
}
