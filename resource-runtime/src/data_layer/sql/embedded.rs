//! Embedded fields in SQL: `profile.first_name` is the dialect's JSON
//! field over the column (SQLite: `json_extract("t0"."profile",
//! '$.first_name')`, the text an expression index is declared with), and
//! `exists(tags, name == "rust")` an `EXISTS` over the list's items (SQLite:
//! `json_each`, PostgreSQL: `jsonb_array_elements`). Inside, the compiler's
//! resource is the embedded one and its attributes are JSON fields of the
//! scope's value, typed as their columns would be, so that comparisons,
//! casts and collations are the ones memory's types call for.

use crate::data_layer::sql::compile::Compiler;
use crate::expr::embedded::embed_of;
use crate::expr::tree::Expr;
use crate::info::error::Result;

/// Where the current resource's attributes are read from inside an embed:
/// the SQL of a JSON value (a column, a list item) and the path in it.
#[derive(Debug, Clone)]
pub(crate) struct JsonScope {
    pub(super) json: String,
    pub(super) path: Vec<String>,
}

impl Compiler {
    /// The SQL of the embedded value `attribute` of the current resource,
    /// and the path to it: a column, or a path inside the enclosing embed.
    fn embed_source(&self, attribute: &str) -> JsonScope {
        match &self.json {
            Some(scope) => {
                let mut path = scope.path.clone();
                path.push(attribute.to_string());
                JsonScope { json: scope.json.clone(), path }
            }
            None => JsonScope { json: self.column(attribute), path: Vec::new() },
        }
    }

    /// An attribute of the embedded resource being written: its JSON field.
    pub(super) fn write_json_field(&mut self, scope: &JsonScope, name: &str) -> Result<()> {
        let ty = self.resource.attribute(name).map(|a| a.ty).expect("the caller looked the attribute up");
        let mut path = scope.path.clone();
        path.push(name.to_string());
        let sql = self.dialect.json_field(&scope.json, &path, ty);
        self.push(&sql);
        Ok(())
    }

    /// `Expr::Embedded`: `expr` with the embed's attributes read from the
    /// attribute's JSON (a nested embed extends the path: one
    /// `json_extract` with `'$.address.city'`).
    pub(super) fn write_embedded(&mut self, attribute: &str, expr: &Expr) -> Result<()> {
        let embed = embed_of(self.resource, attribute, false)?;
        let scope = self.embed_source(attribute);
        self.in_embed(embed, scope, |c| c.write(expr))
    }

    /// `Expr::AnyEmbedded`: `EXISTS (SELECT 1 FROM <items> AS jN WHERE
    /// <filter over jN.value>)`; a value (not only a condition) is 1 or 0.
    pub(super) fn write_any_embedded(&mut self, attribute: &str, filter: &Expr, truth_only: bool) -> Result<()> {
        let embed = embed_of(self.resource, attribute, true)?;
        let source = self.embed_source(attribute);
        let list =
            if source.path.is_empty() { source.json } else { self.dialect.json_value(&source.json, &source.path) };
        self.subqueries += 1;
        let alias = format!("j{}", self.subqueries);
        let item = format!("{alias}.{}", self.dialect.quote_ident("value"));
        if !truth_only {
            self.push("(CASE WHEN ");
        }
        self.push(&format!("EXISTS (SELECT 1 FROM {} WHERE ", self.dialect.json_items(&list, &alias)));
        self.in_embed(embed, JsonScope { json: item, path: Vec::new() }, |c| {
            c.truth_only = true;
            c.write(filter)
        })?;
        self.push(")");
        if !truth_only {
            let (yes, no) = (self.dialect.boolean_literal(true), self.dialect.boolean_literal(false));
            self.push(&format!(" THEN {yes} ELSE {no} END)"));
        }
        Ok(())
    }
}
