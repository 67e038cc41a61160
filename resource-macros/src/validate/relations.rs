//! Calculations, relationships and aggregates: unique names, expressions
//! that name what exists, aggregates over relationships, options that fit
//! the kind. Names on *other* resources (a `destination_attribute`, an
//! aggregated field, the far side of a path) are checked by rustc, through
//! the field handles the generated code names (`expand/relations.rs`).

use std::collections::HashMap;

use syn::Ident;

use crate::errors::{Errors, did_you_mean};
use crate::model::{AggregateKind, FilterExpr, Form, RelationshipKind, Resource};
use crate::surface::common::names::SORT_ORDERS;

/// A name of the record: every attribute, calculation, aggregate and
/// relationship must be distinct (they are all fields of the struct).
pub fn check_unique_names(resource: &Resource, errors: &mut Errors) {
    let mut seen: HashMap<String, &'static str> = HashMap::new();
    for attribute in &resource.attributes {
        seen.entry(attribute.ident.to_string()).or_insert("attribute");
    }
    let loadables = resource
        .calculations
        .iter()
        .map(|c| (&c.ident, "calculation"))
        .chain(resource.aggregates.iter().map(|a| (&a.ident, "aggregate")))
        .chain(resource.relationships.iter().map(|r| (&r.ident, "relationship")));
    for (ident, what) in loadables {
        if let Some(earlier) = seen.insert(ident.to_string(), what) {
            errors.error(
                ident.span(),
                format_args!("`{ident}` is already declared as an {earlier}; a {what} needs a name of its own"),
            );
        }
    }
}

/// What a resource's expressions may name.
struct Names<'a> {
    resource: &'a Resource,
}

impl Names<'_> {
    fn is_field(&self, ident: &Ident) -> bool {
        let r = self.resource;
        r.attributes.iter().any(|a| a.ident == *ident)
            || r.calculations.iter().any(|c| c.ident == *ident)
            || r.aggregates.iter().any(|a| a.ident == *ident)
    }

    fn relationship(&self, ident: &Ident) -> Option<&crate::model::Relationship> {
        self.resource.relationships.iter().find(|r| r.ident == *ident)
    }

    fn fields(&self) -> Vec<String> {
        let r = self.resource;
        let attributes = r.attributes.iter().map(|a| a.ident.to_string());
        let calculations = r.calculations.iter().map(|c| c.ident.to_string());
        attributes.chain(calculations).chain(r.aggregates.iter().map(|a| a.ident.to_string())).collect()
    }

    /// "the attributes are `id` and `name`", as the other reference checks say it.
    fn listing(&self, fields: &[String]) -> String {
        let only_attributes = self.resource.calculations.is_empty() && self.resource.aggregates.is_empty();
        let names = crate::surface::common::list_all(&as_strs(fields));
        match (fields.len(), only_attributes) {
            (0, _) => self.resource.form.declare_attribute().to_string(),
            (1, true) => format!("the only attribute is {names}"),
            (_, true) => format!("the attributes are {names}"),
            (_, false) => format!("the attributes, calculations and aggregates are {names}"),
        }
    }

    fn relationships(&self) -> Vec<String> {
        self.resource.relationships.iter().map(|r| r.ident.to_string()).collect()
    }

    /// Every name of an expression over the resource.
    fn check_expr(&self, expr: &FilterExpr, errors: &mut Errors) {
        self.check_names_at(expr, 0, errors);
    }

    /// The names of the resource at `level` of `expr` (`FilterExpr::fields_at`).
    fn check_names_at(&self, expr: &FilterExpr, level: i32, errors: &mut Errors) {
        for field in expr.fields_at(level) {
            if self.is_field(field) {
                continue;
            }
            if self.relationship(field).is_some() {
                errors.error(
                    field.span(),
                    format_args!(
                        "`{field}` is a relationship; name one of its fields (`{field}.name`), or test it with `exists({field})`"
                    ),
                );
                continue;
            }
            let fields = self.fields();
            let hint = match did_you_mean(&field.to_string(), fields.iter().map(String::as_str)) {
                Some(name) => format!("did you mean `{name}`?"),
                None => self.listing(&fields),
            };
            errors.error(field.span(), format_args!("unknown attribute `{field}`; {hint}"));
        }
        // A path may start at an attribute holding an embed (`profile.first_name`):
        // rustc checks that it holds one, and the names inside.
        for name in expr.relationship_names_at(level) {
            if !self.resource.attributes.iter().any(|a| a.ident == *name) {
                self.check_relationship(name, errors);
            }
        }
    }

    /// A calculation is one value: a path through a to-many relationship
    /// has many. (In a filter such a path means "some related record",
    /// Ash's join semantics, which the runtime gives it.)
    fn check_value_paths(&self, expr: &FilterExpr, errors: &mut Errors) {
        expr.collect(0, 0, &mut |node| {
            if let FilterExpr::Path(path) = node
                && let Some(first) = path.first()
                && let Some(rel) = self.relationship(first)
                && rel.kind.is_to_many()
            {
                errors.error(
                    first.span(),
                    format_args!(
                        "`{first}` is a {} relationship: a path through it has many values, and a \
                         calculation needs one; test them with `exists({first}, ..)` or declare an aggregate \
                         (in a filter, `{first}.field == ..` means some related record matches)",
                        rel.kind.keyword()
                    ),
                );
            }
        });
    }

    /// `ident` must be a relationship of the resource.
    fn check_relationship(&self, ident: &Ident, errors: &mut Errors) -> bool {
        if self.relationship(ident).is_some() {
            return true;
        }
        let what = if self.is_field(ident) { "is not a relationship" } else { "is no relationship of this resource" };
        let relationships = self.relationships();
        let hint = match did_you_mean(&ident.to_string(), relationships.iter().map(String::as_str)) {
            Some(name) => format!("did you mean `{name}`?"),
            None if relationships.is_empty() => match self.resource.form {
                Form::Block => "declare it in `relationships`".to_string(),
                Form::Attribute => "declare it on the struct, as in `#[has_many(tickets: Ticket)]`".to_string(),
            },
            None => format!("the relationships are {}", crate::surface::common::list_all(&as_strs(&relationships))),
        };
        errors.error(ident.span(), format_args!("`{ident}` {what}; {hint}"));
        false
    }
}

fn as_strs(names: &[String]) -> Vec<&str> {
    names.iter().map(String::as_str).collect()
}

/// `calculate status_subject: String = expr(status <> ": " <> subjcet)`;
/// read filters may name calculations, aggregates and paths too.
pub fn check_expressions(resource: &Resource, errors: &mut Errors) {
    let names = Names { resource };
    for calculation in &resource.calculations {
        names.check_expr(&calculation.expr, errors);
        names.check_value_paths(&calculation.expr, errors);
        if calculation.expr.fields().iter().any(|field| **field == calculation.ident) {
            let ident = &calculation.ident;
            errors.error(ident.span(), format_args!("calculation `{ident}` names itself in its expression"));
        }
    }
    for filter in resource.actions.actions.iter().filter_map(|a| a.filter.as_ref()) {
        names.check_expr(filter, errors);
    }
}

/// `sum total: subject` (not a relationship), `sum total: tickets` (no field), options of other kinds.
pub fn check_aggregates(resource: &Resource, errors: &mut Errors) {
    let names = Names { resource };
    for aggregate in &resource.aggregates {
        let kind = aggregate.kind.keyword();
        let ident = &aggregate.ident;
        if let Some(first) = aggregate.path.first()
            && names.relationship(first).is_none()
        {
            if names.is_field(first) {
                let field = if aggregate.kind.takes_field() { ".field" } else { "" };
                let example = aggregate_example(resource.form, &format!("{kind} {ident}: tickets{field}"));
                errors.error(
                    first.span(),
                    format_args!(
                        "`{first}` is not a relationship: an aggregate is over related records, as in {example}"
                    ),
                );
            } else {
                names.check_relationship(first, errors);
            }
        }
        // `parent(..)` in the filter names this resource's fields.
        if let Some(filter) = &aggregate.filter {
            names.check_names_at(filter, -1, errors);
        }
        if aggregate.kind.takes_field() && aggregate.field.is_none() {
            let path = aggregate.path.iter().map(Ident::to_string).collect::<Vec<_>>().join(".");
            let example = aggregate_example(resource.form, &format!("{kind} {ident}: {path}.field"));
            errors.error(
                ident.span(),
                format_args!("`{kind}` aggregates a field: name it after the relationship, {example}"),
            );
        }
        if aggregate.kind == AggregateKind::Exists && aggregate.field.is_some() {
            errors.error(ident.span(), "`exists` takes no field");
        }
        let first_or_list = matches!(aggregate.kind, AggregateKind::First | AggregateKind::List);
        if let (false, Some(key)) = (first_or_list, aggregate.sort.first()) {
            errors
                .error(key.field.span(), format_args!("`sort` applies to `first` and `list` aggregates, not `{kind}`"));
        }
        if let (false, Some(flag)) = (first_or_list, aggregate.include_nil) {
            errors
                .error(flag.span, format_args!("`include_nil` applies to `first` and `list` aggregates, not `{kind}`"));
        }
        if let (false, Some(flag)) =
            (matches!(aggregate.kind, AggregateKind::Count | AggregateKind::List), aggregate.uniq)
        {
            errors.error(flag.span, format_args!("`uniq` applies to `count` and `list` aggregates, not `{kind}`"));
        }
        if matches!(aggregate.kind, AggregateKind::Count | AggregateKind::Exists) && aggregate.default.is_some() {
            errors.error(ident.span(), format_args!("`{kind}` has a value even for no records; it takes no `default`"));
        }
        for key in &aggregate.sort {
            if let Some(order) = &key.order
                && !SORT_ORDERS.contains(&order.to_string().as_str())
            {
                let hint = did_you_mean(&order.to_string(), SORT_ORDERS.iter().copied())
                    .map_or_else(String::new, |name| format!("; did you mean `{name}`?"));
                errors.error(order.span(), format_args!("unknown sort order `{order}`{hint}"));
            }
        }
    }
}

/// An aggregate's head as the surface writes it: `count n: tickets` in the
/// `aggregates` section, `#[aggregate(count n: tickets)]` on the struct.
fn aggregate_example(form: Form, head: &str) -> String {
    match form {
        Form::Block => format!("`{head}`"),
        Form::Attribute => format!("`#[aggregate({head})]`"),
    }
}

/// `many_to_many` needs `through`; the `belongs_to` and join options only fit their kinds.
pub fn check_relationships(resource: &Resource, errors: &mut Errors) {
    for rel in &resource.relationships {
        let (kind, ident) = (rel.kind.keyword(), &rel.ident);
        let many_to_many = rel.kind == RelationshipKind::ManyToMany;
        // `throug` is reported as unknown; not also as a missing `through`.
        if many_to_many && rel.through.is_none() && !rel.misspelt {
            errors.error(
                ident.span(),
                format_args!(
                    "many_to_many `{ident}` needs its join resource: `{}`",
                    resource.form.option("through", "JoinResource")
                ),
            );
        }
        if !many_to_many {
            let join_options = [&rel.source_attribute_on_join_resource, &rel.destination_attribute_on_join_resource];
            for name in join_options.into_iter().flatten() {
                errors.error(name.span(), format_args!("join resource options apply to `many_to_many`, not `{kind}`"));
            }
            if rel.through.is_some() {
                errors.error(ident.span(), format_args!("`through` applies to `many_to_many`, not `{kind}`"));
            }
        }
        if rel.kind != RelationshipKind::BelongsTo {
            let flags = [rel.allow_nil, rel.define_attribute, rel.attribute_writable];
            for flag in flags.into_iter().flatten() {
                errors.error(flag.span, format_args!("this option applies to `belongs_to`, not `{kind}`"));
            }
            if rel.attribute_type.is_some() {
                errors.error(ident.span(), format_args!("`attribute_type` applies to `belongs_to`, not `{kind}`"));
            }
        }
        // The source attribute is on this resource (for belongs_to it was defined unless told not to).
        let source = match (&rel.source_attribute, rel.kind) {
            (Some(name), _) => name.clone(),
            (None, RelationshipKind::BelongsTo) => quote::format_ident!("{}_id", ident, span = ident.span()),
            (None, _) => Ident::new("id", ident.span()),
        };
        if !resource.attributes.iter().any(|a| a.ident == source) {
            errors.error(
                source.span(),
                format_args!("relationship `{ident}` relates this resource's `{source}`, which is no attribute of it"),
            );
        }
    }
}

/// A polymorphic resource's builders have a `table(..)` method, so no
/// attribute or argument may be called `table`.
pub fn check_polymorphic(resource: &Resource, errors: &mut Errors) {
    let polymorphic = resource.sqlite.as_ref().and_then(|sqlite| sqlite.polymorphic).is_some_and(|flag| flag.value);
    if !polymorphic {
        return;
    }
    let arguments = resource.actions.actions.iter().flat_map(|action| action.arguments.iter().map(|a| &a.ident));
    for ident in resource.attributes.iter().map(|a| &a.ident).chain(arguments) {
        if ident == "table" {
            errors.error(
                ident.span(),
                "a polymorphic resource's builders choose the table with `.table(..)`; name this field otherwise",
            );
        }
    }
}
