//! Which surface declared a resource, so that a hint shows the syntax the
//! user writes: `allow_nil: false` to a block user, `allow_nil = false` to
//! an attribute user. Nothing but the wording of messages depends on it.

/// Which surface is parsing (and wrote the resource): the option tables are
/// shared, but a few values are spelled differently (`surface::common::spelling`),
/// and the validator's hints are written in the surface's syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Form {
    /// `resource! { .. }`: `public: true`, `accept [a, b]`.
    #[default]
    Block,
    /// `#[resource]` and its helpers: also `public` alone, `accept(a, b)`.
    Attribute,
}

impl Form {
    /// An option with its value: `name: value` or `name = value`.
    pub fn option(self, name: &str, value: impl std::fmt::Display) -> String {
        match self {
            Form::Block => format!("{name}: {value}"),
            Form::Attribute => format!("{name} = {value}"),
        }
    }

    /// A flag turned on: `name: true`, or `name` alone.
    pub fn flag(self, name: &str) -> String {
        match self {
            Form::Block => format!("{name}: true"),
            Form::Attribute => name.to_string(),
        }
    }

    /// An action's argument: `argument name: Type;` or `argument(name: Type)`.
    pub fn argument(self, name: impl std::fmt::Display) -> String {
        match self {
            Form::Block => format!("argument {name}: Type;"),
            Form::Attribute => format!("argument({name}: Type)"),
        }
    }

    /// Where a new attribute is declared.
    pub fn declare_attribute(self) -> &'static str {
        match self {
            Form::Block => "declare it in `attributes`",
            Form::Attribute => "declare it as a field of the struct",
        }
    }
}
