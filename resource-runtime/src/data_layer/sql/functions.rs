//! The SQL of Ash's list, JSON and rounding functions (`string_position`,
//! `string_split`, `round`, `at`, `get_path`), agreeing with
//! `expr/eval` row by row (`data_layer/sqlite/expr_tests.rs`). They use
//! SQLite's JSON functions (`json_extract`, JSON paths with `#` for "from
//! the end") and the dialect's registered `string_split` and decimal
//! `round`; lists travel as JSON array text, as `list` aggregates do.

use crate::data_layer::sql::compile::Compiler;
use crate::data_layer::sql::dialect::{DecimalFunction, TextFunction};
use crate::expr::tree::Expr;
use crate::info::error::Result;
use crate::info::types::Type;

impl Compiler {
    /// `string_position(a, b)`: `instr` is 1-based and 0 when not found.
    pub(super) fn write_string_position(&mut self, subject: &Expr, part: &Expr, ci: bool) -> Result<()> {
        let fold = ci.then(|| self.dialect.text_function(TextFunction::Lower));
        self.push("(NULLIF(");
        self.push(self.dialect.position_function());
        self.push("(");
        self.wrapped(fold, subject)?;
        self.push(", ");
        self.wrapped(fold, part)?;
        self.push("), 0) - 1)");
        Ok(())
    }

    /// `string_split(a, d)`: the dialect's split function (a JSON array of
    /// the parts, empty ones kept; NULL for a NULL `a` or `d`, or an empty
    /// `d`), the delimiter one space by default, as in memory.
    pub(super) fn write_string_split(&mut self, subject: &Expr, delimiter: Option<&Expr>) -> Result<()> {
        let space = Expr::value(" ");
        let delimiter = delimiter.unwrap_or(&space);
        self.push(self.dialect.text_function(TextFunction::Split));
        self.push("(");
        self.write_text(subject)?;
        self.push(", ");
        self.write_text(delimiter)?;
        self.push(")");
        Ok(())
    }

    /// `round(x[, p])`: an integer is itself; decimals exactly (the
    /// dialect's decimal `round`), floats with SQL's `ROUND`.
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
        if ty == Some(Type::Decimal) {
            let zero = Expr::value(0i64);
            return self.write_decimal_call(DecimalFunction::Round, &[number, precision.unwrap_or(&zero)]);
        }
        let round = |c: &mut Compiler| -> Result<()> {
            c.push(c.dialect.float_round_function());
            c.push("(");
            c.write(number)?;
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
        self.write_json_extract(list, "array", |c| {
            c.push("CASE WHEN (");
            c.write(index)?;
            c.push(") < 0 THEN '$[#' || (");
            c.write(index)?;
            c.push(") || ']' ELSE '$[' || (");
            c.write(index)?;
            c.push(") || ']' END");
            Ok(())
        })
    }

    /// `get_path(json, [a, b])`: `json_extract(json, '$."a"."b"')` on an object.
    pub(super) fn write_get_path(&mut self, json: &Expr, keys: &[Expr]) -> Result<()> {
        self.write_json_extract(json, "object", |c| {
            c.push("'$'");
            for key in keys {
                c.push(" || '.\"' || ");
                c.write_text(key)?;
                c.push(" || '\"'");
            }
            Ok(())
        })
    }

    /// `json_extract(json, <path>)` when `json` is valid JSON of `json_type`, else NULL.
    fn write_json_extract(
        &mut self,
        json: &Expr,
        json_type: &str,
        path: impl FnOnce(&mut Compiler) -> Result<()>,
    ) -> Result<()> {
        self.push("(CASE WHEN json_valid(");
        self.write(json)?;
        self.push(") THEN (CASE WHEN json_type(");
        self.write(json)?;
        self.push(&format!(") = '{json_type}' THEN json_extract("));
        self.write(json)?;
        self.push(", ");
        path(self)?;
        self.push(") END) END)");
        Ok(())
    }
}
