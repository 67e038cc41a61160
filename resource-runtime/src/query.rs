//! What a read asks of a data layer: filter, sort, limit, offset.

use crate::expr::Expr;

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
}

/// A read as the data layer sees it. Sorts name attributes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DataQuery {
    pub filter: Option<Expr>,
    pub sort: Vec<(String, SortOrder)>,
    pub limit: Option<usize>,
    pub offset: usize,
}
