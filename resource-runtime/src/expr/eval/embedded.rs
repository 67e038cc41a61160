//! `profile.first_name` and `exists(tags, ..)` in memory: the embedded
//! value read as a row of the embedded resource (`expr/embedded.rs`), the
//! inner expression evaluated over it, with `parent(..)` reading the record
//! that holds the embed.

use super::{Cx, Outer};
use crate::expr::embedded::{embed_of, json_of, row_of};
use crate::expr::tree::Expr;
use crate::info::ResourceInfo;
use crate::info::error::Result;
use crate::info::value::Value;

/// `Expr::Embedded`: `expr` over the single embed `attribute` (a row of
/// nils when it is nil, as SQL's JSON functions read a NULL).
pub(super) fn eval_embedded(
    cx: Cx<'_>,
    resource: &ResourceInfo,
    attribute: &str,
    expr: &Expr,
    row: &[Value],
) -> Result<Value> {
    let embed = embed_of(resource, attribute, false)?;
    let value = attribute_value(resource, attribute, row);
    let inner = row_of(embed, json_of(&value));
    let outer = Outer { resource, row, cx };
    expr.eval_in(inner_cx(cx, &outer, resource, attribute)?, embed, &inner)
}

/// `Expr::AnyEmbedded`: whether `filter` is true for some item of the list
/// embed `attribute`; false for nil and for an empty list.
pub(super) fn eval_any_embedded(
    cx: Cx<'_>,
    resource: &ResourceInfo,
    attribute: &str,
    filter: &Expr,
    row: &[Value],
) -> Result<Value> {
    let embed = embed_of(resource, attribute, true)?;
    let value = attribute_value(resource, attribute, row);
    let Some(serde_json::Value::Array(items)) = json_of(&value) else { return Ok(Value::Bool(false)) };
    let outer = Outer { resource, row, cx };
    let cx = inner_cx(cx, &outer, resource, attribute)?;
    for item in items {
        if filter.eval_in(cx, embed, &row_of(embed, Some(item)))? == Value::Bool(true) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn attribute_value(resource: &ResourceInfo, attribute: &str, row: &[Value]) -> Value {
    resource.attribute_index(attribute).and_then(|i| row.get(i)).cloned().unwrap_or(Value::Nil)
}

/// Names inside are the embed's; `parent(..)` is the holding record.
fn inner_cx<'a>(cx: Cx<'a>, outer: &'a Outer<'a>, resource: &ResourceInfo, attribute: &str) -> Result<Cx<'a>> {
    Ok(Cx { parent: Some(outer), bound: None, ..cx.deeper(resource, attribute)? })
}
