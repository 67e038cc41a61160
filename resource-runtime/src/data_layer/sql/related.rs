//! The SQL of what reaches beyond a row's columns: calculations (their
//! expression, inlined), relationship paths (a correlated scalar subquery
//! per to-one step) and aggregates (a correlated subquery over the
//! destination):
//!
//! ```sql
//! -- representative.name == 'Joe'
//! ((SELECT s1."name" FROM "representatives" AS s1 WHERE s1."id" = t0."representative_id" LIMIT 1) = ?)
//! -- count open_tickets: tickets { filter: expr(status == "open") }
//! (SELECT COUNT(*) FROM "tickets" AS s1 WHERE s1."representative_id" = t0."id" AND (s1."status" = ?))
//! -- exists(tags, name == "bug"), many_to_many through ticket_tags
//! EXISTS (SELECT 1 FROM "tags" AS s1 WHERE s1."id" IN
//!     (SELECT s2."tag_id" FROM "ticket_tags" AS s2 WHERE s2."ticket_id" = t0."id") AND (s1."name" = ?))
//! ```

use crate::data_layer::sql::compile::Compiler;
use crate::data_layer::sql::dialect::DecimalFunction;
use crate::data_layer::sql::embedded::JsonScope;
use crate::expr::resolve::{MAX_DEPTH, hops, parent_outside, to_many_value, to_one_hops, too_deep};
use crate::expr::tree::{Aggregate, AggregateKind, Expr};
use crate::info::error::{Error, Result};
use crate::info::types::Type;
use crate::info::{AggregateInfo, CalculationInfo, RelationshipInfo, RelationshipKind, ResourceInfo};

type Hops = [(&'static RelationshipInfo, &'static ResourceInfo)];

/// What the compiler writes names in: a resource, how its columns are
/// qualified, and the to-many paths joined there.
pub(crate) struct Scope {
    pub(super) resource: &'static ResourceInfo,
    alias: String,
    bound: Vec<(Vec<String>, Option<String>)>,
    /// Inside an embed: where its attributes are read from.
    json: Option<JsonScope>,
}

impl Compiler {
    fn quote_ident(&self, name: &str) -> String {
        self.dialect.quote_ident(name)
    }

    /// The table a relationship's destination is read from: its context
    /// table (polymorphic resources), else the destination's own.
    fn table(&self, rel: &RelationshipInfo, dest: &ResourceInfo) -> String {
        self.quote_ident(rel.context_table.unwrap_or(dest.table_name()))
    }

    /// `t0."name"`, or `"name"` without an alias.
    pub(super) fn column(&self, name: &str) -> String {
        if self.alias.is_empty() {
            self.quote_ident(name)
        } else {
            format!("{}.{}", self.alias, self.quote_ident(name))
        }
    }

    /// What columns of the current resource are qualified with inside a
    /// subquery: its alias, else its table.
    fn qualifier(&self) -> String {
        if self.alias.is_empty() { self.quote_ident(self.resource.table_name()) } else { self.alias.clone() }
    }

    /// `dest_column <operator> <source>`, through the join table for a
    /// many_to_many: the condition linking a related row to its source.
    fn write_key_match(
        &mut self,
        rel: &RelationshipInfo,
        dest_column: &str,
        operator: &str,
        write_source: impl FnOnce(&mut Compiler) -> Result<()>,
    ) -> Result<()> {
        match (rel.kind, &rel.through) {
            (RelationshipKind::ManyToMany, Some(through)) => {
                let join = (through.resource)();
                let j = self.next_alias();
                self.push(&format!(
                    "{dest_column} IN (SELECT {j}.{} FROM {} AS {j} WHERE {j}.{}{operator}",
                    self.quote_ident(through.destination_attribute),
                    self.quote_ident(join.table_name()),
                    self.quote_ident(through.source_attribute),
                ));
                write_source(self)?;
                self.push(")");
            }
            (RelationshipKind::ManyToMany, None) => {
                return Err(Error::DataLayer(format!("many_to_many `{}` has no join resource", rel.name)));
            }
            _ => {
                self.push(&format!("{dest_column}{operator}"));
                write_source(self)?;
            }
        }
        Ok(())
    }

    fn next_alias(&mut self) -> String {
        self.subqueries += 1;
        format!("s{}", self.subqueries)
    }

    /// Runs `f` with `resource` (aliased `alias`) as the current resource.
    fn within<T>(
        &mut self,
        resource: &'static ResourceInfo,
        alias: &str,
        f: impl FnOnce(&mut Compiler) -> Result<T>,
    ) -> Result<T> {
        let saved = self.enter(Scope { resource, alias: alias.to_string(), bound: Vec::new(), json: None });
        self.depth += 1;
        let result = if self.depth > MAX_DEPTH * 2 {
            Err(Error::DataLayer("an expression nests relationships or calculations too deeply".to_string()))
        } else {
            f(self)
        };
        self.depth -= 1;
        self.enter(saved);
        result
    }

    /// Makes `scope` the current one; returns the one it replaces.
    fn enter(&mut self, scope: Scope) -> Scope {
        Scope {
            resource: std::mem::replace(&mut self.resource, scope.resource),
            alias: std::mem::replace(&mut self.alias, scope.alias),
            bound: std::mem::replace(&mut self.bound, scope.bound),
            json: std::mem::replace(&mut self.json, scope.json),
        }
    }

    /// Runs `f` with the embedded resource `embed` as the current one, its
    /// attributes read from `json`; `parent(..)` there is the scope outside.
    pub(super) fn in_embed(
        &mut self,
        embed: &'static ResourceInfo,
        json: JsonScope,
        f: impl FnOnce(&mut Compiler) -> Result<()>,
    ) -> Result<()> {
        let outer = Scope {
            resource: self.resource,
            alias: self.alias.clone(),
            bound: self.bound.clone(),
            json: self.json.clone(),
        };
        self.outers.push(outer);
        let alias = self.alias.clone();
        let result = self.within(embed, &alias, |c| {
            c.json = Some(json);
            f(c)
        });
        self.outers.pop();
        result
    }

    /// `parent(x)`: `x` in the scope outside the aggregate filter being written.
    pub(super) fn write_parent(&mut self, inner: &Expr) -> Result<()> {
        let Some(outer) = self.outers.pop() else { return Err(parent_outside()) };
        let saved = self.enter(outer);
        let result = self.write(inner);
        let outer = self.enter(saved);
        self.outers.push(outer);
        result
    }

    /// `Expr::AnyRelated`: `EXISTS` a related row at the end of `path`
    /// with which `expr` holds; with `or_nil`, or no related row and `expr`
    /// holds with NULL there. A value (not only a condition) is 1 or 0.
    pub(super) fn write_any(&mut self, path: &[String], expr: &Expr, or_nil: bool, truth_only: bool) -> Result<()> {
        if !truth_only {
            self.push("(CASE WHEN ");
        }
        self.push("(");
        self.write_joined(path, Some(expr))?;
        if or_nil {
            self.push(" OR (NOT ");
            self.write_joined(path, None)?;
            self.push(" AND (");
            self.bound.push((path.to_vec(), None));
            self.truth_only = true;
            let result = self.write(expr);
            self.bound.pop();
            result?;
            self.push("))");
        }
        self.push(")");
        if !truth_only {
            let (yes, no) = (self.dialect.boolean_literal(true), self.dialect.boolean_literal(false));
            self.push(&format!(" THEN {yes} ELSE {no} END)"));
        }
        Ok(())
    }

    /// `EXISTS (SELECT 1 FROM <dest> AS sN WHERE <related to the row at the
    /// path's start> AND (<filter, with the path joined to sN>))`.
    fn write_joined(&mut self, path: &[String], filter: Option<&Expr>) -> Result<()> {
        let Some((last, before)) = path.split_last() else {
            return Err(Error::DataLayer("a join over an empty relationship path".to_string()));
        };
        let source = match before.is_empty() {
            true => self.resource,
            false => hops(self.resource, before)?.last().expect("not empty").1,
        };
        let rel = crate::expr::resolve::relationship(source, last)?;
        let dest = rel.destination();
        let alias = self.next_alias();
        self.push(&format!("EXISTS (SELECT 1 FROM {} AS {alias} WHERE ", self.table(rel, dest)));
        let dest_column = format!("{alias}.{}", self.quote_ident(rel.destination_attribute));
        let write_source = |c: &mut Compiler| -> Result<()> {
            if before.is_empty() {
                let column = format!("{}.{}", c.qualifier(), c.quote_ident(rel.source_attribute));
                c.push(&column);
                Ok(())
            } else {
                c.write_path(before, rel.source_attribute)
            }
        };
        self.write_key_match(rel, &dest_column, " = ", write_source)?;
        if let Some(filter) = filter {
            self.push(" AND (");
            self.bound.push((path.to_vec(), Some(alias)));
            self.truth_only = true;
            let result = self.write(filter);
            self.bound.pop();
            result?;
            self.push(")");
        }
        self.push(")");
        Ok(())
    }

    /// A calculation named in the expression: its own expression, in parentheses.
    pub(super) fn write_calculation(&mut self, name: &str, calculation: &CalculationInfo) -> Result<()> {
        if self.depth >= MAX_DEPTH {
            return Err(too_deep(self.resource, name));
        }
        self.depth += 1;
        self.push("(");
        let result = self.write(&(calculation.expr)());
        self.push(")");
        self.depth -= 1;
        result
    }

    pub(super) fn write_named_aggregate(&mut self, name: &str, aggregate: &AggregateInfo) -> Result<()> {
        if self.depth >= MAX_DEPTH {
            return Err(too_deep(self.resource, name));
        }
        let Expr::Aggregate(aggregate) = aggregate.to_expr() else { unreachable!("to_expr makes an aggregate") };
        self.write_aggregate(&aggregate)
    }

    /// `representative.manager.name`: one scalar subquery per step.
    /// After the longest prefix an `Expr::AnyRelated` joined, from its row.
    pub(super) fn write_path(&mut self, path: &[String], field: &str) -> Result<()> {
        let joined = self.bound.iter().filter(|(bound, _)| path.starts_with(bound)).max_by_key(|(b, _)| b.len());
        let Some((bound, alias)) = joined.cloned() else {
            let hops = to_one_hops(self.resource, path)?;
            return self.write_hops(&hops, field);
        };
        let Some(alias) = alias else {
            self.push("NULL");
            return Ok(());
        };
        let dest = hops(self.resource, &bound)?.last().expect("a bound path is not empty").1;
        let rest = to_one_hops(dest, &path[bound.len()..]).map_err(|_| {
            let hops = hops(self.resource, path);
            match hops.iter().flatten().find(|(rel, _)| rel.kind.is_to_many()) {
                Some((rel, _)) => to_many_value(rel, path),
                None => Error::DataLayer(format!("no path `{}`", path.join("."))),
            }
        })?;
        self.within(dest, &alias, |c| c.write_hops(&rest, field))
    }

    fn write_hops(&mut self, hops: &Hops, field: &str) -> Result<()> {
        let Some((&(rel, dest), rest)) = hops.split_first() else {
            return self.write(&Expr::Ref(field.to_string()));
        };
        let outer = self.qualifier();
        let alias = self.next_alias();
        self.push("(SELECT ");
        self.within(dest, &alias, |c| c.write_hops(rest, field))?;
        self.push(&format!(" FROM {} AS {alias} WHERE ", self.table(rel, dest)));
        self.write_link(&[(rel, dest)], &outer, &alias)?;
        self.push(" LIMIT 1)");
        Ok(())
    }

    /// The condition relating rows of the path's last destination (aliased
    /// `inner`) to the row of the current resource (qualified `outer`).
    fn write_link(&mut self, hops: &Hops, outer: &str, inner: &str) -> Result<()> {
        let Some((&(rel, _), before)) = hops.split_last() else { return Ok(()) };
        let dest_column = format!("{inner}.{}", self.quote_ident(rel.destination_attribute));
        // The source side: the outer row's column, or the set of them at the end of the path so far.
        let single = before.is_empty();
        let write_source = |c: &mut Compiler| -> Result<()> {
            if single {
                let column = c.quote_ident(rel.source_attribute);
                c.push(&format!("{outer}.{column}"));
                return Ok(());
            }
            let &(prev_rel, prev_dest) = before.last().expect("not single");
            let prev = c.next_alias();
            let (column, table) = (c.quote_ident(rel.source_attribute), c.table(prev_rel, prev_dest));
            c.push(&format!("(SELECT {prev}.{column} FROM {table} AS {prev} WHERE "));
            c.write_link(before, outer, &prev)?;
            c.push(")");
            Ok(())
        };
        let operator = if single { " = " } else { " IN " };
        self.write_key_match(rel, &dest_column, operator, write_source)?;
        Ok(())
    }

    /// An aggregate: a correlated subquery over the path's last destination.
    pub(super) fn write_aggregate(&mut self, aggregate: &Aggregate) -> Result<()> {
        let hops = hops(self.resource, &aggregate.path)?;
        let Some(&(last_rel, dest)) = hops.last() else {
            return Err(Error::DataLayer(format!("an aggregate on {} has no relationship path", self.resource.name)));
        };
        let filter = match &aggregate.filter {
            Some(filter) => {
                filter.check_filter(dest)?;
                Some(filter.bound_to_many(dest)?)
            }
            None => None,
        };
        let field = aggregate.field.as_ref().map(|name| Expr::Ref(name.clone()));
        if aggregate.kind.needs_field() && field.is_none() {
            let kind = aggregate.kind.as_str();
            return Err(Error::DataLayer(format!(
                "a {kind} aggregate over `{}` needs a field",
                aggregate.path.join(".")
            )));
        }
        let field_type = field.as_ref().and_then(|f| f.static_type(dest));
        let outer = self.qualifier();
        let alias = self.next_alias();
        let coalesce = aggregate.default.is_some()
            && matches!(
                aggregate.kind,
                AggregateKind::Sum
                    | AggregateKind::Min
                    | AggregateKind::Max
                    | AggregateKind::Avg
                    | AggregateKind::First
            );
        if coalesce {
            self.push("COALESCE(");
        }
        self.push(if aggregate.kind == AggregateKind::Exists { "EXISTS (SELECT " } else { "(SELECT " });
        self.within(dest, &alias, |c| {
            let field = field.as_ref();
            match aggregate.kind {
                AggregateKind::Exists => c.push("1"),
                AggregateKind::Count => match field {
                    None => c.push("COUNT(*)"),
                    Some(field) => {
                        c.push(if aggregate.uniq { "COUNT(DISTINCT " } else { "COUNT(" });
                        c.write(field)?;
                        c.push(")");
                    }
                },
                // Decimals stored as text: exact, with the dialect's aggregates.
                AggregateKind::Sum | AggregateKind::Avg | AggregateKind::Min | AggregateKind::Max
                    if field_type == Some(Type::Decimal) && c.dialect.decimals_as_text() =>
                {
                    let function = match aggregate.kind {
                        AggregateKind::Sum => DecimalFunction::Sum,
                        AggregateKind::Avg => DecimalFunction::Avg,
                        AggregateKind::Min => DecimalFunction::Min,
                        _ => DecimalFunction::Max,
                    };
                    c.write_decimal_call(function, &[field.expect("checked above")])?;
                }
                AggregateKind::Sum | AggregateKind::Avg => {
                    c.push(if aggregate.kind == AggregateKind::Sum { "SUM(" } else { "AVG(" });
                    let field = field.expect("checked above");
                    if aggregate.kind == AggregateKind::Avg {
                        c.write_real(field)?;
                    } else {
                        c.write(field)?;
                    }
                    c.push(")");
                }
                AggregateKind::Min | AggregateKind::Max => {
                    c.push(if aggregate.kind == AggregateKind::Min { "MIN(" } else { "MAX(" });
                    c.write(field.expect("checked above"))?;
                    c.push(")");
                }
                AggregateKind::First => c.write(field.expect("checked above"))?,
                AggregateKind::List => {
                    let function = c.dialect.json_array_aggregate();
                    c.push(&format!("{function}({}", if aggregate.uniq { "DISTINCT " } else { "" }));
                    c.write_json(field.expect("checked above"), field_type)?;
                    if !aggregate.uniq {
                        c.write_order_by(&aggregate.sort)?;
                    }
                    c.push(")");
                }
            }
            let table = c.table(last_rel, dest);
            c.push(&format!(" FROM {table} AS {alias} WHERE "));
            Ok(())
        })?;
        self.write_link(&hops, &outer, &alias)?;
        // `parent(..)` in the filter is written in the scope outside it.
        let scope =
            Scope { resource: self.resource, alias: outer.clone(), bound: self.bound.clone(), json: self.json.clone() };
        self.outers.push(scope);
        let result = self.within(dest, &alias, |c| {
            if let Some(filter) = &filter {
                c.push(" AND (");
                c.truth_only = true;
                c.write(filter)?;
                c.push(")");
            }
            let skips_nil =
                matches!(aggregate.kind, AggregateKind::First | AggregateKind::List) && !aggregate.include_nil;
            if let (true, Some(field)) = (skips_nil, field.as_ref()) {
                c.push(" AND (");
                c.write(field)?;
                c.push(") IS NOT NULL");
            }
            if aggregate.kind == AggregateKind::First {
                c.write_order_by(&aggregate.sort)?;
                c.push(" LIMIT 1");
            }
            Ok(())
        });
        self.outers.pop();
        result?;
        self.push(")");
        if let (true, Some(default)) = (coalesce, &aggregate.default) {
            self.push(", ");
            self.bind(default.clone());
            self.push(")");
        }
        Ok(())
    }

    /// ` ORDER BY s1."a" ASC NULLS LAST, ..`: Ash's nil placement.
    fn write_order_by(&mut self, sort: &[(String, crate::expr::tree::SortOrder)]) -> Result<()> {
        for (i, (name, order)) in sort.iter().enumerate() {
            self.push(if i == 0 { " ORDER BY " } else { ", " });
            self.write_sort_key(name)?;
            let direction = if order.is_desc() { " DESC" } else { " ASC" };
            let nulls = if order.nils_first() { " NULLS FIRST" } else { " NULLS LAST" };
            self.push(direction);
            self.push(nulls);
        }
        Ok(())
    }

    /// A sort key: a column (its collation orders it), or a calculation or
    /// aggregate, ordered as its type is in memory: a decimal numerically
    /// (`dec_norm(..) COLLATE decimal`: all text, whatever the branches
    /// give), a ci string by its Unicode lowercase.
    pub(crate) fn write_sort_key(&mut self, name: &str) -> Result<()> {
        let key = crate::expr::embedded::sort_expr(self.resource, name);
        let ty = self.ty_of(&key);
        if let (Some(Type::CiString), Some(fold)) = (ty, self.dialect.ci_fold()) {
            self.push(fold);
            self.push("(");
            self.write(&key)?;
            self.push(")");
            return Ok(());
        }
        if self.resource.attribute(name).is_some() {
            return self.write(&key);
        }
        match ty {
            Some(Type::Decimal) if self.dialect.decimals_as_text() => {
                self.write_decimal_call(DecimalFunction::Normalize, &[&key])?;
                let (_, collation) = self.dialect.column_type(Type::Decimal);
                self.push(&collation.map(|c| format!(" COLLATE {c}")).unwrap_or_default());
            }
            Some(Type::CiString) => {
                self.write(&key)?;
                self.push(self.dialect.case_insensitive_comparison());
            }
            _ => self.write(&key)?,
        }
        Ok(())
    }

    /// A value as a JSON array item, as `Value::to_json` gives it in memory:
    /// booleans `true`/`false`, maps as JSON, the rest as stored.
    fn write_json(&mut self, expr: &Expr, ty: Option<Type>) -> Result<()> {
        match ty {
            Some(Type::Boolean) => {
                self.push("(CASE ");
                self.write(expr)?;
                let (yes, no) = (self.dialect.boolean_literal(true), self.dialect.boolean_literal(false));
                self.push(&format!(" WHEN {yes} THEN json('true') WHEN {no} THEN json('false') END)"));
            }
            // Embedded values are stored as JSON text too.
            Some(Type::Json | Type::Embedded(_)) => {
                self.push("json(");
                self.write(expr)?;
                self.push(")");
            }
            _ => self.write(expr)?,
        }
        Ok(())
    }
}
