//! The guides of `docs/`, as rustdoc pages: `cargo doc` shows them beside
//! the API, and their Rust examples are compiled and run as doctests.
//! (The getting-started guide is the crate's own page.)

macro_rules! guides {
    ($($(#[$meta:meta])* $name:ident = $file:literal;)*) => {$(
        $(#[$meta])*
        #[doc = include_str!(concat!("../docs/", $file))]
        pub mod $name {}
    )*};
}

guides! {
    attribute_surface = "attribute-surface.md";
    generated_code = "generated-code.md";
    actions = "actions.md";
    queries = "queries.md";
    expressions = "expressions.md";
    relationships = "relationships.md";
    ets = "ets.md";
    sqlite = "sqlite.md";
    sqlite_section = "sqlite-section.md";
    embedded = "embedded.md";
    foreign_keys = "foreign-keys.md";
    migrations = "migrations.md";
    cli = "cli.md";
    #[cfg(feature = "postgres")]
    postgres = "postgres.md";
}
