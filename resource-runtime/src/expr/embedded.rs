//! What `Expr::Embedded` (`profile.first_name`) and `Expr::AnyEmbedded`
//! (`exists(tags, name == "rust")`) name: the embedded resource behind an
//! attribute, its items read as rows of that resource, and sort keys that
//! reach into an embed (`"profile.first_name"`). Shared by evaluation, the
//! SQL compiler and the read checks.

use crate::expr::tree::Expr;
use crate::info::cast::cast_json;
use crate::info::embedded::describe;
use crate::info::error::{Error, Result};
use crate::info::value::{Row, Value};
use crate::info::{ResourceInfo, Type};

/// The embedded resource held by `attribute` of `resource`, which must be a
/// list embed when `list` (for `exists`) and a single one otherwise (for a
/// path).
pub(crate) fn embed_of(resource: &ResourceInfo, attribute: &str, list: bool) -> Result<&'static ResourceInfo> {
    let Some(info) = resource.attribute(attribute) else {
        return Err(Error::DataLayer(format!(
            "{} has no attribute `{attribute}` holding an embedded resource",
            resource.name
        )));
    };
    match info.ty {
        Type::Embedded(embed) if embed.list == list => Ok(describe(&embed)),
        Type::Embedded(embed) if embed.list => Err(Error::DataLayer(format!(
            "`{attribute}` of {} is a list of {}: test its items with `exists({attribute}, ..)`",
            resource.name, embed.name
        ))),
        Type::Embedded(embed) => Err(Error::DataLayer(format!(
            "`{attribute}` of {} holds one {}, not a list: name its fields as `{attribute}.field`",
            resource.name, embed.name
        ))),
        _ => Err(Error::DataLayer(format!(
            "`{attribute}` of {} is no embedded resource, so it has no fields to name",
            resource.name
        ))),
    }
}

/// One embedded object as a row of `info`: each key cast to its
/// attribute's type; a missing key, a value that does not cast and a value
/// that is no object are nil (what SQL's JSON functions read there).
pub(crate) fn row_of(info: &ResourceInfo, json: Option<&serde_json::Value>) -> Row {
    let object = json.and_then(serde_json::Value::as_object);
    info.attributes
        .iter()
        .map(|attribute| {
            object
                .and_then(|object| object.get(attribute.name))
                .and_then(|json| cast_json(attribute.ty, json).ok())
                .unwrap_or(Value::Nil)
        })
        .collect()
}

/// The JSON of an embedded value (nil and other values have none).
pub(crate) fn json_of(value: &Value) -> Option<&serde_json::Value> {
    match value {
        Value::Json(json) => Some(json),
        _ => None,
    }
}

/// The expression a sort key names: `"profile.first_name"` (a dotted path
/// starting at a single embed) is that field inside the embed, anything
/// else the field of that name.
pub(crate) fn sort_expr(resource: &ResourceInfo, name: &str) -> Expr {
    match embedded_path(resource, name) {
        Some(expr) => expr,
        None => Expr::Ref(name.to_string()),
    }
}

/// `"a.b.c"` as `Embedded { a, Embedded { b, Ref(c) } }` when `a` is a
/// single embed of `resource` (and `b` one of its embed), else `None`.
pub(crate) fn embedded_path(resource: &ResourceInfo, name: &str) -> Option<Expr> {
    let (first, rest) = name.split_once('.')?;
    let embed = embed_of(resource, first, false).ok()?;
    let inner = match embedded_path(embed, rest) {
        Some(inner) => inner,
        None if rest.contains('.') => return None,
        None => {
            let named = embed.attribute(rest).is_some() || embed.calculation(rest).is_some();
            if !named && embed.aggregate(rest).is_none() {
                return None;
            }
            Expr::Ref(rest.to_string())
        }
    };
    Some(Expr::embedded(first, inner))
}
