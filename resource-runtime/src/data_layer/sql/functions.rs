//! The SQL of Ash's list, JSON and rounding functions (`string_position`,
//! `string_split`, `round`, `at`, `get_path`), agreeing with
//! `expr/eval` row by row (`data_layer/sqlite/expr_tests.rs`). They use
//! SQLite's JSON functions (`json_extract`, `json_group_array`, JSON paths
//! with `#` for "from the end"); lists travel as JSON array text, as
//! `list` aggregates do.

use crate::data_layer::sql::compile::Compiler;
use crate::expr::tree::Expr;
use crate::info::error::Result;
use crate::info::types::Type;

impl Compiler {
    /// `string_position(a, b)`: `instr` is 1-based and 0 when not found.
    pub(super) fn write_string_position(&mut self, subject: &Expr, part: &Expr, ci: bool) -> Result<()> {
        let fold = ci.then_some("LOWER");
        self.push("(NULLIF(");
        self.push(self.dialect.position_function());
        self.push("(");
        self.wrapped_text(fold, subject)?;
        self.push(", ");
        self.wrapped_text(fold, part)?;
        self.push("), 0) - 1)");
        Ok(())
    }

    /// `string_split(a, d)`: a recursive CTE cutting `a || d` at each `d`,
    /// collected in order into a JSON array; NULL for a NULL `a` or `d`, or
    /// an empty `d`.
    pub(super) fn write_string_split(&mut self, subject: &Expr, delimiter: Option<&Expr>) -> Result<()> {
        let space = Expr::value(" ");
        let delimiter = delimiter.unwrap_or(&space);
        let alias = self.next_alias_pub();
        self.push("(CASE WHEN (");
        self.write_text(subject)?;
        self.push(") IS NULL OR coalesce(length(");
        self.write_text(delimiter)?;
        self.push(&format!(
            "), 0) = 0 THEN NULL ELSE (SELECT json_group_array({alias}.part ORDER BY {alias}.n) FROM (WITH \
             RECURSIVE {alias}(part, rest, n) AS (SELECT NULL, "
        ));
        self.write_text(subject)?;
        self.push(" || ");
        self.write_text(delimiter)?;
        self.push(&format!(", 0 UNION ALL SELECT substr({alias}.rest, 1, instr({alias}.rest, "));
        self.write_text(delimiter)?;
        self.push(&format!(") - 1), substr({alias}.rest, instr({alias}.rest, "));
        self.write_text(delimiter)?;
        self.push(") + length(");
        self.write_text(delimiter)?;
        self.push(&format!(
            ")), {alias}.n + 1 FROM {alias} WHERE {alias}.rest <> '') SELECT part, n FROM {alias} WHERE n > 0) \
             AS {alias}) END)"
        ));
        Ok(())
    }

    /// `round(x[, p])`: an integer is itself; decimals are rounded as REAL.
    pub(super) fn write_round(&mut self, number: &Expr, precision: Option<&Expr>) -> Result<()> {
        let ty = self.ty_of(number);
        if ty == Some(Type::Integer) {
            // `0 * p` keeps a NULL precision NULL, as in memory.
            return match precision {
                None => self.write(number),
                Some(precision) => {
                    self.push("(");
                    self.write(number)?;
                    self.push(" + 0 * ");
                    self.write(precision)?;
                    self.push(")");
                    Ok(())
                }
            };
        }
        let round = |c: &mut Compiler| -> Result<()> {
            c.push("ROUND(");
            if ty == Some(Type::Decimal) {
                c.write_real(number)?
            } else {
                c.write(number)?
            }
            if let Some(precision) = precision {
                c.push(", ");
                c.write(precision)?;
            }
            c.push(")");
            Ok(())
        };
        if ty.is_some() {
            return round(self);
        }
        // Of a type known only when it runs: integers stay, text is no number.
        self.push("(CASE typeof(");
        self.write(number)?;
        self.push(") WHEN 'integer' THEN ");
        match precision {
            None => self.write(number)?,
            Some(precision) => {
                self.push("(");
                self.write(number)?;
                self.push(" + 0 * ");
                self.write(precision)?;
                self.push(")");
            }
        }
        self.push(" WHEN 'real' THEN ");
        round(self)?;
        self.push(" END)");
        Ok(())
    }

    /// `at(list, i)`: `json_extract(list, '$[i]')`, `'$[#-1]'` from the end.
    pub(super) fn write_at(&mut self, list: &Expr, index: &Expr) -> Result<()> {
        self.push("(CASE WHEN json_valid(");
        self.write(list)?;
        self.push(") THEN (CASE WHEN json_type(");
        self.write(list)?;
        self.push(") = 'array' THEN json_extract(");
        self.write(list)?;
        self.push(", CASE WHEN (");
        self.write(index)?;
        self.push(") < 0 THEN '$[#' || (");
        self.write(index)?;
        self.push(") || ']' ELSE '$[' || (");
        self.write(index)?;
        self.push(") || ']' END) END) END)");
        Ok(())
    }

    /// `get_path(json, [a, b])`: `json_extract(json, '$."a"."b"')` on an object.
    pub(super) fn write_get_path(&mut self, json: &Expr, keys: &[Expr]) -> Result<()> {
        self.push("(CASE WHEN json_valid(");
        self.write(json)?;
        self.push(") THEN (CASE WHEN json_type(");
        self.write(json)?;
        self.push(") = 'object' THEN json_extract(");
        self.write(json)?;
        self.push(", '$'");
        for key in keys {
            self.push(" || '.\"' || ");
            self.write_text(key)?;
            self.push(" || '\"'");
        }
        self.push(") END) END)");
        Ok(())
    }

    fn wrapped_text(&mut self, function: Option<&str>, expr: &Expr) -> Result<()> {
        let Some(function) = function else { return self.write_text(expr) };
        self.push(function);
        self.push("(");
        self.write_text(expr)?;
        self.push(")");
        Ok(())
    }
}
