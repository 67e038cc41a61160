//! Compiles an `Expr` to parameterised SQL in a [`Dialect`]. Every value is a
//! bound parameter, never spliced into the SQL text; the only SQL text that
//! does not come from this compiler is a `fragment`'s, which the developer
//! wrote in the source.
//!
//! The SQL agrees with `Expr::try_eval` row by row
//! (`data_layer/sqlite/expr_tests.rs` checks it against SQLite) given the
//! storage conventions below, which the SQLite data layer follows
//! (`data_layer/sqlite/codec.rs`), parameters included; another database
//! states its own in its dialect:
//!
//! | type | stored as |
//! |---|---|
//! | boolean | INTEGER 0/1 |
//! | integer / float | INTEGER / REAL |
//! | decimal | TEXT (`Decimal::to_string`), column `COLLATE decimal` (exact numeric order), computed with `dec_*` functions |
//! | string, atom | TEXT |
//! | ci_string | TEXT, column declared `COLLATE ci` (Unicode lowercase) |
//! | uuid | TEXT, lowercase hyphenated |
//! | date | TEXT `YYYY-MM-DD` |
//! | utc_datetime | TEXT `YYYY-MM-DDTHH:MM:SS.ffffffZ` (`datetime_text`) |
//! | map (json) | TEXT |
//!
//! The connection must run `PRAGMA case_sensitive_like = ON` so that `LIKE`
//! is case-sensitive, as in memory.

use chrono::{DateTime, NaiveDate, Utc};

use crate::data_layer::sql::dialect::{DatetimeFunction, DecimalFunction, Dialect, TextFunction};
use crate::expr::eval::{arguments, check_call};
use crate::expr::functions::Function;
use crate::expr::resolve::{Named, lookup, unknown_name};
use crate::expr::tree::{BinaryOp, Expr};
use crate::info::ResourceInfo;
use crate::info::error::{Error, Result};
use crate::info::types::Type;
use crate::info::value::Value;

/// A piece of SQL and the values bound to its placeholders, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SqlFragment {
    /// The SQL text, with one placeholder per parameter.
    pub sql: String,
    /// The values bound to the placeholders, in the order they appear.
    pub params: Vec<Value>,
}

/// Compiles `expr` over `resource`, qualifying columns with `alias` (e.g.
/// `"t0"`; an empty alias leaves columns unqualified). Fails on an attribute
/// the resource does not have, a call with the wrong number of arguments, or
/// a fragment whose `?` count differs from its arguments'.
///
/// The fragment's placeholders are numbered from `first_param` (1-based):
/// the fragment's place among the parameters of the statement it goes into.
pub fn compile(
    dialect: &'static dyn Dialect,
    expr: &Expr,
    resource: &'static ResourceInfo,
    alias: &str,
    first_param: usize,
) -> Result<SqlFragment> {
    let mut compiler = Compiler::new(dialect, resource, alias, first_param);
    compiler.write(expr)?;
    Ok(compiler.out)
}

/// `compile` for a filter (a `WHERE`): checks first that the expression is
/// a boolean (`Expr::check_filter`), as SQL would read a number as "truthy"
/// where memory keeps only `true`.
pub fn compile_filter(
    dialect: &'static dyn Dialect,
    expr: &Expr,
    resource: &'static ResourceInfo,
    alias: &str,
    first_param: usize,
) -> Result<SqlFragment> {
    expr.check_filter(resource)?;
    let expr = expr.bound_to_many(resource)?;
    let mut compiler = Compiler::new(dialect, resource, alias, first_param);
    compiler.truth_only = true;
    compiler.write(&expr)?;
    Ok(compiler.out)
}

/// A sort key naming `name` (an attribute, calculation or aggregate) of
/// `resource`, ordered as memory orders its type: computed decimals
/// numerically, computed ci strings without case.
pub fn compile_sort_key(
    dialect: &'static dyn Dialect,
    name: &str,
    resource: &'static ResourceInfo,
    alias: &str,
    first_param: usize,
) -> Result<SqlFragment> {
    let mut compiler = Compiler::new(dialect, resource, alias, first_param);
    compiler.write_sort_key(name)?;
    Ok(compiler.out)
}

pub(super) struct Compiler {
    pub(super) dialect: &'static dyn Dialect,
    /// The number of the fragment's first placeholder in its statement.
    first_param: usize,
    /// The resource whose columns unqualified names are, and its alias
    /// (inside a subquery: the subquery's resource and alias).
    pub(super) resource: &'static ResourceInfo,
    pub(super) alias: String,
    pub(super) out: SqlFragment,
    /// `now()` is one instant per statement, bound as a parameter.
    now: Option<DateTime<Utc>>,
    /// Subquery aliases handed out (`s1`, `s2`, ..).
    pub(super) subqueries: usize,
    /// How deep calculations and subqueries are nested.
    pub(super) depth: usize,
    /// Whether only "is it true" matters for the node being written (a
    /// filter, a `CASE WHEN` condition, and the operands of `&&`/`||` there):
    /// then boolean `&&`/`||` are SQL's `AND`/`OR`, which keep exactly the
    /// rows Ash's operators keep, and indexes still serve them.
    pub(super) truth_only: bool,
    /// The type of the branches of the `if` being written, which an
    /// `error(..)` there is cast to where the dialect needs one type
    /// ([`Dialect::typed_error`]).
    branch_type: Option<Type>,
    /// The to-many paths `Expr::AnyRelated`s joined, with the alias of the
    /// joined row (`None`: the NULL row); innermost last.
    pub(super) bound: Vec<(Vec<String>, Option<String>)>,
    /// The scopes outside the aggregate filters being written (what
    /// `parent(..)` compiles in), innermost last.
    pub(super) outers: Vec<super::related::Scope>,
    /// Inside an embed (`profile.first_name`, `exists(tags, ..)`): the JSON
    /// the current (embedded) resource's attributes are fields of.
    pub(super) json: Option<super::embedded::JsonScope>,
}

impl Compiler {
    pub(super) fn new(
        dialect: &'static dyn Dialect,
        resource: &'static ResourceInfo,
        alias: &str,
        first_param: usize,
    ) -> Compiler {
        Compiler {
            dialect,
            first_param,
            resource,
            alias: alias.to_string(),
            out: SqlFragment::default(),
            now: None,
            subqueries: 0,
            depth: 0,
            truth_only: false,
            branch_type: None,
            bound: Vec::new(),
            outers: Vec::new(),
            json: None,
        }
    }

    pub(super) fn ty_of(&self, expr: &Expr) -> Option<Type> {
        if let (Expr::Parent(inner), Some(outer)) = (expr, self.outers.last()) {
            return inner.static_type(outer.resource);
        }
        expr.static_type(self.resource)
    }

    pub(super) fn push(&mut self, sql: &str) {
        self.out.sql.push_str(sql);
    }

    pub(super) fn bind(&mut self, value: Value) {
        if value.is_nil() && self.dialect.nil_as_literal() {
            return self.push("NULL");
        }
        self.dialect.value_placeholder(self.first_param + self.out.params.len(), &value, &mut self.out.sql);
        self.out.params.push(value);
    }

    fn now(&mut self) -> DateTime<Utc> {
        *self.now.get_or_insert_with(Utc::now)
    }

    pub(super) fn write(&mut self, expr: &Expr) -> Result<()> {
        // Only `&&`/`||` pass "only truth matters" on to their operands.
        let truth_only = std::mem::replace(&mut self.truth_only, false);
        match expr {
            Expr::Binary(op @ (BinaryOp::And | BinaryOp::Or), left, right) => {
                self.write_logic(*op, left, right, truth_only)?
            }
            Expr::Value(value) => self.bind(value.clone()),
            Expr::Ref(name) => match lookup(self.resource, name) {
                Some(Named::Attribute(..)) => match self.json.take() {
                    Some(scope) => {
                        let result = self.write_json_field(&scope, name);
                        self.json = Some(scope);
                        result?
                    }
                    None => {
                        let column = self.column(name);
                        self.push(&column);
                    }
                },
                Some(Named::Calculation(calculation)) => self.write_calculation(name, calculation)?,
                Some(Named::Aggregate(aggregate)) => self.write_named_aggregate(name, aggregate)?,
                None => return Err(unknown_name(self.resource, name)),
            },
            Expr::Path { relationship, field } => self.write_path(relationship, field)?,
            Expr::Aggregate(aggregate) => self.write_aggregate(aggregate)?,
            Expr::Not(inner) => {
                self.push("(NOT ");
                self.write(inner)?;
                self.push(")");
            }
            Expr::IsNil(inner) => {
                self.push("(");
                self.write(inner)?;
                self.push(" IS NULL)");
            }
            Expr::In(left, items) => self.write_in(left, items)?,
            Expr::Binary(op, left, right) => self.write_binary(*op, left, right)?,
            Expr::Call(function, args) => self.write_call(*function, args)?,
            Expr::If(cond, then, otherwise) => {
                self.push("(CASE WHEN ");
                self.truth_only = true;
                self.write(cond)?;
                let outer = self.branch_type.take();
                self.branch_type = self.ty_of(then).or_else(|| self.ty_of(otherwise));
                self.push(" THEN ");
                self.write(then)?;
                self.push(" ELSE ");
                self.write(otherwise)?;
                self.branch_type = outer;
                self.push(" END)");
            }
            Expr::Fragment { sql, args } => self.write_fragment(sql, args)?,
            Expr::AnyRelated { path, expr, or_nil } => self.write_any(path, expr, *or_nil, truth_only)?,
            Expr::Parent(inner) => self.write_parent(inner)?,
            Expr::Embedded { attribute, expr } => self.write_embedded(attribute, expr)?,
            Expr::AnyEmbedded { attribute, filter } => self.write_any_embedded(attribute, filter, truth_only)?,
        }
        Ok(())
    }

    /// `a && b` / `a || b`. Where only truth matters and both sides are
    /// booleans, SQL's `AND`/`OR`; elsewhere Ash's value semantics: `a && b`
    /// is `a` when `a` is nil or false, else `b`; `a || b` is `b` when `a`
    /// is nil or false, else `a` (`first_name || "anon"`).
    fn write_logic(&mut self, op: BinaryOp, left: &Expr, right: &Expr, truth_only: bool) -> Result<()> {
        let boolean = |c: &Compiler, e: &Expr| c.ty_of(e) == Some(Type::Boolean);
        if truth_only && boolean(self, left) && boolean(self, right) {
            self.push("(");
            self.truth_only = true;
            self.write(left)?;
            self.push(if op == BinaryOp::And { " AND " } else { " OR " });
            self.truth_only = true;
            self.write(right)?;
            self.push(")");
            return Ok(());
        }
        // CASE WHEN <a is nil or false> THEN (a or b) ELSE (b or a) END
        let (when_falsy, otherwise) = if op == BinaryOp::And { (left, right) } else { (right, left) };
        self.push("(CASE WHEN (");
        self.write(left)?;
        self.push(") IS NULL");
        if boolean(self, left) {
            self.push(" OR NOT (");
            self.write(left)?;
            self.push(")");
        }
        self.push(" THEN ");
        self.write(when_falsy)?;
        self.push(" ELSE ");
        self.write(otherwise)?;
        self.push(" END)");
        Ok(())
    }

    fn write_binary(&mut self, op: BinaryOp, left: &Expr, right: &Expr) -> Result<()> {
        let (left_ty, right_ty) = (self.ty_of(left), self.ty_of(right));
        self.push("(");
        match op {
            _ if op.is_comparison() => {
                let sql_op = match op {
                    BinaryOp::Eq => " = ",
                    BinaryOp::NotEq => " <> ",
                    BinaryOp::Lt => " < ",
                    BinaryOp::Le => " <= ",
                    BinaryOp::Gt => " > ",
                    _ => " >= ",
                };
                if self.decimal_functions(&[left, right]) {
                    // -1, 0 or 1, compared with 0 by the operator.
                    self.write_decimal_call(DecimalFunction::Compare, &[left, right])?;
                    self.push(sql_op);
                    self.push("0");
                } else {
                    let fold = self.ci_fold(&[left_ty, right_ty]);
                    self.write_folded(fold, left, right_ty, false)?;
                    self.push(sql_op);
                    self.write_folded(fold, right, left_ty, false)?;
                    if left_ty == Some(Type::CiString) || right_ty == Some(Type::CiString) {
                        self.push(self.ci_comparison(fold));
                    }
                }
            }
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div
                if self.dialect.decimals_as_text()
                    && (left_ty == Some(Type::Decimal) || right_ty == Some(Type::Decimal)) =>
            {
                let function = match op {
                    BinaryOp::Add => DecimalFunction::Add,
                    BinaryOp::Sub => DecimalFunction::Sub,
                    BinaryOp::Mul => DecimalFunction::Mul,
                    _ => DecimalFunction::Div,
                };
                self.write_decimal_call(function, &[left, right])?;
            }
            BinaryOp::Div => {
                // A true division, also of integers: `7 / 2` is 3.5.
                self.write_real(left)?;
                self.push(" / ");
                self.write_divisor(right)?;
            }
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul => {
                self.write(left)?;
                self.push(match op {
                    BinaryOp::Add => " + ",
                    BinaryOp::Sub => " - ",
                    _ => " * ",
                });
                self.write(right)?;
            }
            _ => {
                self.write_text(left)?;
                self.push(" || ");
                self.write_text(right)?;
            }
        }
        self.push(")");
        Ok(())
    }

    /// Whether a comparison (or `in`) involving decimals must go through
    /// the dialect's decimal functions: when a decimal is involved, unless
    /// every operand is a decimal column or a value (and one is a column).
    /// Then SQLite compares exactly by itself, and an index still serves it:
    /// a decimal column is TEXT `COLLATE decimal`, and a value next to it
    /// takes its TEXT affinity and its collation. Anything else (a computed
    /// decimal such as `price * 2`, a decimal beside an integer column, two
    /// values) is compared with `dec_cmp`, exactly, as memory compares.
    fn decimal_functions(&self, operands: &[&Expr]) -> bool {
        if !self.dialect.decimals_as_text() {
            return false;
        }
        let decimal = |expr: &Expr| self.ty_of(expr) == Some(Type::Decimal);
        if !operands.iter().any(|expr| decimal(expr)) {
            return false;
        }
        let column = |expr: &Expr| self.is_column(expr) && decimal(expr);
        let plain = operands.iter().all(|expr| column(expr) || matches!(expr, Expr::Value(_)));
        !(plain && operands.iter().any(|expr| column(expr)))
    }

    /// `dec_add(a, b)`, ..: a decimal function of the dialect over `args`.
    pub(super) fn write_decimal_call(&mut self, function: DecimalFunction, args: &[&Expr]) -> Result<()> {
        self.write_named_call(self.dialect.decimal_function(function), args)
    }

    /// `name(a, b, ..)`.
    fn write_named_call(&mut self, name: &str, args: &[&Expr]) -> Result<()> {
        self.push(name);
        self.push("(");
        for (i, arg) in args.iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.write(arg)?;
        }
        self.push(")");
        Ok(())
    }

    /// Whether `expr` is a column of the current resource (not a calculation or aggregate named like one).
    fn is_column(&self, expr: &Expr) -> bool {
        self.json.is_none() && matches!(expr, Expr::Ref(name) if self.resource.attribute(name).is_some())
    }

    /// One side of a comparison, as a normalised decimal if `decimal`
    /// (`dec_norm`: equal texts are equal numbers); a string compared with a
    /// uuid column is bound as that uuid.
    fn write_operand(&mut self, expr: &Expr, other: Option<Type>, decimal: bool) -> Result<()> {
        if let (Expr::Value(Value::String(s)), Some(Type::Uuid)) = (expr, other)
            && let Ok(uuid) = s.parse::<uuid::Uuid>()
        {
            self.bind(Value::Uuid(uuid));
            return Ok(());
        }
        if decimal { self.write_decimal_call(DecimalFunction::Normalize, &[expr]) } else { self.write(expr) }
    }

    /// The dialect's ci fold, when one of `types` is a ci string.
    fn ci_fold(&self, types: &[Option<Type>]) -> Option<&'static str> {
        types.contains(&Some(Type::CiString)).then(|| self.dialect.ci_fold()).flatten()
    }

    /// The collation suffix of a ci comparison: none when its operands are folded.
    fn ci_comparison(&self, fold: Option<&str>) -> &'static str {
        if fold.is_some() { "" } else { self.dialect.case_insensitive_comparison() }
    }

    /// [`Compiler::write_operand`], inside `fold(..)` when there is one.
    fn write_folded(&mut self, fold: Option<&str>, expr: &Expr, other: Option<Type>, decimal: bool) -> Result<()> {
        let Some(fold) = fold else { return self.write_operand(expr, other, decimal) };
        self.push(fold);
        self.push("(");
        self.write_operand(expr, other, decimal)?;
        self.push(")");
        Ok(())
    }

    /// A divisor, `NULLIF(d, 0)` where the dialect [`Dialect::guards_division`].
    fn write_divisor(&mut self, divisor: &Expr) -> Result<()> {
        if !self.dialect.guards_division() {
            return self.write(divisor);
        }
        self.push("NULLIF(");
        self.write(divisor)?;
        self.push(", 0)");
        Ok(())
    }

    /// `CAST(x AS REAL)`.
    pub(super) fn write_real(&mut self, expr: &Expr) -> Result<()> {
        self.push("CAST(");
        self.write(expr)?;
        self.push(" AS ");
        self.push(self.dialect.float_type());
        self.push(")");
        Ok(())
    }

    /// An operand used as text: booleans (0/1 in SQLite) read `true`/`false`
    /// as they do in memory.
    pub(super) fn write_text(&mut self, expr: &Expr) -> Result<()> {
        if self.ty_of(expr) != Some(Type::Boolean) {
            return self.write(expr);
        }
        let (yes, no) = (self.dialect.boolean_literal(true), self.dialect.boolean_literal(false));
        self.push("(CASE ");
        self.write(expr)?;
        self.push(&format!(" WHEN {yes} THEN 'true' WHEN {no} THEN 'false' END)"));
        Ok(())
    }

    fn write_in(&mut self, left: &Expr, items: &[Expr]) -> Result<()> {
        let left_ty = self.ty_of(left);
        let item_tys: Vec<Option<Type>> = items.iter().map(|item| self.ty_of(item)).collect();
        let ci = left_ty == Some(Type::CiString) || item_tys.contains(&Some(Type::CiString));
        if items.is_empty() && !self.dialect.empty_in_list() {
            // Nothing is in an empty list; PostgreSQL has no `IN ()`.
            self.push(self.dialect.boolean_literal(false));
            return Ok(());
        }
        let operands: Vec<&Expr> = std::iter::once(left).chain(items).collect();
        let decimal = self.decimal_functions(&operands);
        self.push("(");
        let item_ty = item_tys.iter().flatten().next().copied();
        let fold = if ci { self.dialect.ci_fold() } else { None };
        self.write_folded(fold, left, item_ty, decimal)?;
        if ci {
            self.push(self.ci_comparison(fold));
        }
        self.push(" IN (");
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.write_folded(fold, item, left_ty, decimal)?;
        }
        self.push("))");
        Ok(())
    }

    fn write_call(&mut self, function: Function, args: &[Expr]) -> Result<()> {
        check_call(function, args)?;
        let ci = args.iter().take(2).any(|arg| self.ty_of(arg) == Some(Type::CiString));
        match function {
            Function::Like | Function::ILike => {
                // The whole text, as memory matches it: SQLite's `LIKE`
                // stops at a NUL character, and folds ASCII only.
                let like = if function == Function::Like { TextFunction::Like } else { TextFunction::ILike };
                self.push(self.dialect.text_function(like));
                self.push("(");
                self.write_text(&args[0])?;
                self.push(", ");
                self.write_text(&args[1])?;
                self.push(")");
            }
            Function::Contains => {
                let fold = ci.then(|| self.dialect.text_function(TextFunction::Lower));
                self.push("(");
                self.push(self.dialect.position_function());
                self.push("(");
                self.wrapped(fold, &args[0])?;
                self.push(", ");
                self.wrapped(fold, &args[1])?;
                self.push(") > 0)");
            }
            Function::Lower | Function::Upper | Function::Length => {
                let text = match function {
                    Function::Lower => TextFunction::Lower,
                    Function::Upper => TextFunction::Upper,
                    _ => TextFunction::Length,
                };
                self.wrapped(Some(self.dialect.text_function(text)), &args[0])?;
            }
            Function::StringJoin | Function::Concat => {
                // SQLite's `concat_ws` skips NULLs, as Ash's `string_join`
                // does; `concat` treats them as empty strings.
                self.push(if function == Function::Concat { "concat(" } else { "concat_ws(" });
                for (i, arg) in args.iter().enumerate() {
                    if i > 0 {
                        self.push(", ");
                    }
                    self.write_text(arg)?;
                }
                if function == Function::StringJoin && args.len() == 1 {
                    // `concat_ws` needs a value; NULL ones are skipped.
                    self.push(", NULL");
                }
                self.push(")");
            }
            Function::Trim => {
                self.push("trim(");
                self.write_text(&args[0])?;
                self.push(", ");
                self.push(self.dialect.trimmed_characters());
                self.push(")");
            }
            Function::StartsWith | Function::EndsWith => self.write_affix(function, &args[0], &args[1], ci)?,
            Function::Rem => {
                // Integers only, as Elixir's `rem`: anything else is nil.
                let integers = args.iter().all(|arg| self.ty_of(arg) == Some(Type::Integer));
                if integers {
                    self.push("(");
                    self.write(&args[0])?;
                    self.push(" % ");
                    self.write_divisor(&args[1])?;
                    self.push(")");
                } else {
                    self.push("NULL");
                }
            }
            Function::IsDistinctFrom => self.write_distinct(&args[0], &args[1])?,
            Function::CountNils => {
                self.push("(0");
                for arg in args {
                    self.push(" + (CASE WHEN (");
                    self.write(arg)?;
                    self.push(") IS NULL THEN 1 ELSE 0 END)");
                }
                self.push(")");
            }
            Function::Now => {
                let now = self.now();
                self.bind(Value::DateTime(now));
            }
            Function::Today => {
                let today: NaiveDate = self.now().date_naive();
                self.bind(Value::Date(today));
            }
            Function::StringPosition => self.write_string_position(&args[0], &args[1], ci)?,
            Function::StringSplit => self.write_string_split(&args[0], args.get(1))?,
            Function::Round => self.write_round(&args[0], args.get(1))?,
            Function::At => self.write_at(&args[0], &args[1])?,
            Function::GetPath => self.write_get_path(&args[0], &args[1..])?,
            Function::Ago | Function::FromNow => {
                // One instant per statement, as `now()`.
                let now = Expr::value(Value::DateTime(self.now()));
                let add = if function == Function::Ago { DatetimeFunction::Subtract } else { DatetimeFunction::Add };
                self.write_datetime_call(add, &[&now, &args[0], &args[1]])?;
            }
            Function::DatetimeAdd => {
                self.write_datetime_call(DatetimeFunction::Add, &[&args[0], &args[1], &args[2]])?
            }
            Function::DateAdd => {
                self.write_datetime_call(DatetimeFunction::DateAdd, &[&args[0], &args[1], &args[2]])?
            }
            Function::StartOfDay => self.write_datetime_call(DatetimeFunction::StartOfDay, &[&args[0]])?,
            Function::Error => {
                let cast = self.branch_type.filter(|_| self.dialect.typed_error());
                if cast.is_some() {
                    self.push("CAST(");
                }
                self.push(self.dialect.datetime_function(DatetimeFunction::Error));
                self.push("(");
                self.write_text(&args[0])?;
                self.push(")");
                if let Some(ty) = cast {
                    self.push(" AS ");
                    self.push(self.dialect.column_type(ty).0);
                    self.push(")");
                }
            }
        }
        Ok(())
    }

    /// `NAME(a, b, ..)` of the dialect's datetime function.
    fn write_datetime_call(&mut self, function: DatetimeFunction, args: &[&Expr]) -> Result<()> {
        self.write_named_call(self.dialect.datetime_function(function), args)
    }

    /// `string_starts_with`/`string_ends_with`: a literal prefix or suffix
    /// (`%` and `_` are themselves), of both sides folded for a ci string.
    fn write_affix(&mut self, function: Function, subject: &Expr, part: &Expr, ci: bool) -> Result<()> {
        let fold = ci.then(|| self.dialect.text_function(TextFunction::Lower));
        let affix = if function == Function::StartsWith { TextFunction::StartsWith } else { TextFunction::EndsWith };
        self.push(self.dialect.text_function(affix));
        self.push("(");
        self.wrapped(fold, subject)?;
        self.push(", ");
        self.wrapped(fold, part)?;
        self.push(")");
        Ok(())
    }

    /// `is_distinct_from(a, b)`: `a IS NOT b`, with the operands of a comparison.
    fn write_distinct(&mut self, left: &Expr, right: &Expr) -> Result<()> {
        let (left_ty, right_ty) = (self.ty_of(left), self.ty_of(right));
        let decimal = self.decimal_functions(&[left, right]);
        let fold = self.ci_fold(&[left_ty, right_ty]);
        self.push("(");
        self.write_folded(fold, left, right_ty, decimal)?;
        self.push(self.dialect.distinct_operator());
        self.write_folded(fold, right, left_ty, decimal)?;
        if left_ty == Some(Type::CiString) || right_ty == Some(Type::CiString) {
            self.push(self.ci_comparison(fold));
        }
        self.push(")");
        Ok(())
    }

    /// `NAME(<text of expr>)`, or just the text of `expr` without a name.
    pub(super) fn wrapped(&mut self, function: Option<&str>, expr: &Expr) -> Result<()> {
        let Some(function) = function else { return self.write_text(expr) };
        self.push(function);
        self.push("(");
        self.write_text(expr)?;
        self.push(")");
        Ok(())
    }

    /// The fragment's SQL with each `?` replaced by its argument; `\?` is a
    /// literal `?`.
    fn write_fragment(&mut self, sql: &str, args: &[Expr]) -> Result<()> {
        let placeholders = fragment_placeholders(sql);
        if placeholders != args.len() {
            let args = arguments(args.len());
            return Err(Error::DataLayer(format!("fragment({sql:?}) has {placeholders} `?` placeholders but {args}")));
        }
        let mut args = args.iter();
        self.push("(");
        let mut chars = sql.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if chars.peek() == Some(&'?') => {
                    chars.next();
                    self.out.sql.push('?');
                }
                '?' => match args.next() {
                    Some(arg) => self.write(arg)?,
                    None => return Err(Error::DataLayer(format!("fragment({sql:?}) has too few arguments"))),
                },
                c => self.out.sql.push(c),
            }
        }
        self.push(")");
        Ok(())
    }
}

/// The number of `?` placeholders in a fragment's SQL: a `?` right after a
/// backslash (`\?`) is a literal question mark, not a placeholder.
pub fn fragment_placeholders(sql: &str) -> usize {
    let mut count = 0;
    let mut previous = None;
    for c in sql.chars() {
        if c == '?' && previous != Some('\\') {
            count += 1;
        }
        previous = Some(c);
    }
    count
}
