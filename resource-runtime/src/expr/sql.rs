//! Compiles an `Expr` to parameterised SQL (SQLite dialect). Every value is a
//! bound parameter, never spliced into the SQL text.

use crate::error::{Error, Result};
use crate::expr::{BinaryOp, Expr};
use crate::info::ResourceInfo;
use crate::value::Value;

/// A piece of SQL and the values bound to its `?` placeholders, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SqlFragment {
    pub sql: String,
    pub params: Vec<Value>,
}

/// Compiles `expr` over `resource`, qualifying columns with `alias` (e.g. `"t0"`).
pub fn compile(expr: &Expr, resource: &'static ResourceInfo, alias: &str) -> Result<SqlFragment> {
    let mut out = SqlFragment::default();
    write(expr, resource, alias, &mut out)?;
    Ok(out)
}

fn write(expr: &Expr, resource: &'static ResourceInfo, alias: &str, out: &mut SqlFragment) -> Result<()> {
    match expr {
        Expr::Value(v) => {
            out.sql.push('?');
            out.params.push(v.clone());
        }
        Expr::Ref(name) => {
            if resource.attribute(name).is_none() {
                return Err(Error::DataLayer(format!("{} has no attribute `{name}` to filter on", resource.name)));
            }
            out.sql.push_str(&format!("{alias}.\"{name}\""));
        }
        Expr::Not(inner) => {
            out.sql.push_str("(NOT ");
            write(inner, resource, alias, out)?;
            out.sql.push(')');
        }
        Expr::IsNil(inner) => {
            out.sql.push('(');
            write(inner, resource, alias, out)?;
            out.sql.push_str(" IS NULL)");
        }
        Expr::In(left, list) => {
            out.sql.push('(');
            write(left, resource, alias, out)?;
            out.sql.push_str(" IN (");
            for (i, item) in list.iter().enumerate() {
                if i > 0 {
                    out.sql.push_str(", ");
                }
                write(item, resource, alias, out)?;
            }
            out.sql.push_str("))");
        }
        Expr::Binary(op, left, right) => {
            let op = match op {
                BinaryOp::Eq => "=",
                BinaryOp::NotEq => "<>",
                BinaryOp::Lt => "<",
                BinaryOp::Le => "<=",
                BinaryOp::Gt => ">",
                BinaryOp::Ge => ">=",
                BinaryOp::And => "AND",
                BinaryOp::Or => "OR",
            };
            out.sql.push('(');
            write(left, resource, alias, out)?;
            out.sql.push_str(&format!(" {op} "));
            write(right, resource, alias, out)?;
            out.sql.push(')');
        }
    }
    Ok(())
}
