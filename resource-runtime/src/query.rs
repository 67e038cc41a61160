//! What a read asks of a data layer: filter, sort, limit, offset.

use std::cmp::Ordering;

use crate::expr::Expr;
use crate::value::Value;

/// Sort direction, with Ash's nil placement (`asc` puts nils last, `desc` first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Asc,
    Desc,
    AscNilsFirst,
    DescNilsLast,
}

impl SortOrder {
    pub fn is_desc(self) -> bool {
        matches!(self, SortOrder::Desc | SortOrder::DescNilsLast)
    }

    pub fn nils_first(self) -> bool {
        matches!(self, SortOrder::Desc | SortOrder::AscNilsFirst)
    }

    /// Ash's order of two values: nils placed by `nils_first`, the rest by
    /// `Value::compare` (values that do not compare are equal).
    pub fn compare(self, a: &Value, b: &Value) -> Ordering {
        let nil_side = if self.nils_first() { Ordering::Less } else { Ordering::Greater };
        match (a.is_nil(), b.is_nil()) {
            (true, true) => Ordering::Equal,
            (true, false) => nil_side,
            (false, true) => nil_side.reverse(),
            (false, false) => {
                let ordering = a.compare(b).unwrap_or(Ordering::Equal);
                if self.is_desc() { ordering.reverse() } else { ordering }
            }
        }
    }
}

/// A read as the data layer sees it. Sorts name attributes, calculations
/// or aggregates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DataQuery {
    pub filter: Option<Expr>,
    pub sort: Vec<(String, SortOrder)>,
    pub limit: Option<usize>,
    pub offset: usize,
    /// Values to compute per record (loaded calculations and aggregates):
    /// each returned row holds them after the attributes, in this order.
    pub computed: Vec<Expr>,
}
