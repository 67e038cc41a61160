//! What a read asks of a data layer: filter, sort, limit, offset, and the
//! keyset of a page (`after`).

use crate::expr::tree::{BinaryOp, Expr, SortOrder};
use crate::info::ResourceInfo;
use crate::info::value::Value;

/// A read as the data layer sees it. Sorts name attributes, calculations
/// or aggregates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DataQuery {
    /// Only the rows where this is true (nil and false drop a row).
    pub filter: Option<Expr>,
    /// Sort keys by name, earlier keys first; each an attribute, calculation or aggregate.
    pub sort: Vec<(String, SortOrder)>,
    /// At most this many rows, after the offset.
    pub limit: Option<usize>,
    /// Rows skipped after sorting.
    pub offset: usize,
    /// Values to compute per record (loaded calculations and aggregates):
    /// each returned row holds them after the attributes, in this order.
    pub computed: Vec<Expr>,
    /// Keyset pagination: only the rows that come strictly after these
    /// values (one per sort key, each sort key an attribute) in the sort
    /// order. A layer compiles it natively (SQLite: a row-value comparison)
    /// or filters by [`DataQuery::keyset_filter`].
    pub after: Option<Vec<Value>>,
    /// Only these attributes (indices, the primary key among them) are
    /// read; the others are nil in the rows returned. `None`: all of them.
    pub select: Option<Vec<usize>>,
}

impl DataQuery {
    /// `after` as a filter expression over `resource`: `(a > ?) OR (a ==
    /// ? AND b > ?) ..`, each comparison turned by its sort order and with
    /// nils where the order puts them.
    pub fn keyset_filter(&self, resource: &ResourceInfo) -> Option<Expr> {
        self.after.as_ref().map(|values| keyset_filter(resource, &self.sort, values))
    }

    /// The filter with [`DataQuery::keyset_filter`] added.
    pub fn filter_with_keyset(&self, resource: &ResourceInfo) -> Option<Expr> {
        match (self.filter.clone(), self.keyset_filter(resource)) {
            (Some(filter), Some(keyset)) => Some(filter.and(keyset)),
            (filter, keyset) => filter.or(keyset),
        }
    }
}

/// Rows strictly after `values` in the order of `sort`: for each key, the
/// earlier keys equal (nil is "equal" to nil here) and this one after its
/// value. After a value come the greater ones (`asc`) or the smaller ones
/// (`desc`), and the nils when the order puts nils last; after a nil come
/// the values when the order puts nils first, else nothing. (Attributes
/// that allow no nil skip the nil cases.)
pub fn keyset_filter(resource: &ResourceInfo, sort: &[(String, SortOrder)], values: &[Value]) -> Expr {
    let mut alternatives: Vec<Expr> = Vec::new();
    let mut equal: Vec<Expr> = Vec::new();
    for ((name, order), value) in sort.iter().zip(values) {
        let field = || Expr::field(name.as_str());
        let nullable = resource.attribute(name).is_none_or(|a| a.allow_nil);
        let after = if value.is_nil() {
            order.nils_first().then(|| Expr::Not(Box::new(Expr::is_nil(field()))))
        } else {
            let op = if order.is_desc() { BinaryOp::Lt } else { BinaryOp::Gt };
            let beyond = Expr::binary(op, field(), Expr::Value(value.clone()));
            Some(if order.nils_first() || !nullable { beyond } else { beyond.or(Expr::is_nil(field())) })
        };
        if let Some(after) = after {
            alternatives.push(equal.iter().cloned().chain([after]).reduce(Expr::and).unwrap_or_else(Expr::nil));
        }
        equal.push(if value.is_nil() {
            Expr::is_nil(field())
        } else {
            Expr::binary(BinaryOp::Eq, field(), Expr::Value(value.clone()))
        });
    }
    alternatives.into_iter().reduce(Expr::or).unwrap_or(Expr::Value(Value::Bool(false)))
}
