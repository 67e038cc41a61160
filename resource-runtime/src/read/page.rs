//! Pagination (Ash's `pagination` on read actions): `Query::page` reads one
//! page by position (offset) or by cursor (keyset).
//!
//! ```ignore
//! let first = Ticket::list().sort(ticket::priority.desc()).page(&app, PageRequest::first(10))?;
//! let next = Ticket::list().sort(ticket::priority.desc())
//!     .page(&app, PageRequest::keyset_after(first.last_cursor().unwrap(), 10))?;
//! ```
//!
//! A page's sort is the query's, then the primary key (ascending) as a
//! tiebreaker, so that records with equal sort values have one order on
//! every data layer. A keyset cursor holds a record's values of those sort
//! keys (`cursor.rs`); the next page is the records strictly after them.

use crate::domain::Domain;
use crate::info::error::{Error, FieldError, FieldErrorKind, Result};
use crate::info::{PaginationInfo, ResourceInfo};
use crate::read::cursor;
use crate::read::query::Query;
use crate::typed::resource::Resource;
use crate::{data_layer::query::DataQuery, expr::tree::SortOrder};

/// Which page to read: [`PageRequest::first`], [`PageRequest::offset`],
/// [`PageRequest::keyset_after`], [`PageRequest::keyset_before`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageRequest {
    position: Position,
    /// `None`: the action's `default_limit`.
    limit: Option<usize>,
    count: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
enum Position {
    #[default]
    Start,
    Offset(usize),
    After(String),
    Before(String),
}

impl PageRequest {
    /// The first `limit` records (on an offset or a keyset action).
    /// `PageRequest::default()` is the first page of the action's `default_limit`.
    pub fn first(limit: usize) -> PageRequest {
        PageRequest { limit: Some(limit), ..PageRequest::default() }
    }

    /// `limit` records from position `offset` (0 is the first record).
    pub fn offset(limit: usize, offset: usize) -> PageRequest {
        PageRequest { position: Position::Offset(offset), limit: Some(limit), count: false }
    }

    /// The `limit` records right after the record of `cursor` ([`Page::cursor_of`]).
    pub fn keyset_after(cursor: impl Into<String>, limit: usize) -> PageRequest {
        PageRequest { position: Position::After(cursor.into()), limit: Some(limit), count: false }
    }

    /// The `limit` records right before the record of `cursor`, in the
    /// query's order.
    pub fn keyset_before(cursor: impl Into<String>, limit: usize) -> PageRequest {
        PageRequest { position: Position::Before(cursor.into()), limit: Some(limit), count: false }
    }

    /// Also counts every record the query finds (the action must be `countable`).
    pub fn with_count(mut self) -> PageRequest {
        self.count = true;
        self
    }

    /// Uses the action's `default_limit` instead of the limit given.
    pub fn with_default_limit(mut self) -> PageRequest {
        self.limit = None;
        self
    }
}

/// One page of records. Serializes as
/// `{"results": [..], "more": .., "count": .., "limit": .., "offset": .., "cursors": [..]}`
/// (`count`, `offset` and `cursors` only when present), ready for an API response.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Page<R> {
    /// The records, in the query's order (also for `keyset_before`).
    pub results: Vec<R>,
    /// Whether more records follow this page; for a `keyset_before` page,
    /// whether more records precede it.
    pub more: bool,
    /// Every record the query finds, when the request asked (`with_count`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    /// The page size used: the request's, or the action's `default_limit`,
    /// cut to its `max_page_size`.
    pub limit: usize,
    /// Where the page starts, for first and offset pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<usize>,
    /// One keyset cursor per record, when the action has `keyset: true`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cursors: Vec<String>,
}

impl<R> Page<R> {
    /// The keyset cursor of `results[i]`: `PageRequest::keyset_after(cursor, n)`
    /// reads the records after it. `None` when the action has no keyset
    /// pagination (or the sort names a calculation or aggregate).
    pub fn cursor_of(&self, i: usize) -> Option<&str> {
        self.cursors.get(i).map(String::as_str)
    }

    /// The cursor of the first record (for the page before this one).
    pub fn first_cursor(&self) -> Option<&str> {
        self.cursors.first().map(String::as_str)
    }

    /// The cursor of the last record (for the page after this one).
    pub fn last_cursor(&self) -> Option<&str> {
        self.cursors.last().map(String::as_str)
    }

    /// Each record with its cursor (nothing when the page has no cursors).
    pub fn with_cursors(&self) -> impl Iterator<Item = (&R, &str)> {
        self.results.iter().zip(self.cursors.iter().map(String::as_str))
    }
}

impl<R> IntoIterator for Page<R> {
    type Item = R;
    type IntoIter = std::vec::IntoIter<R>;

    fn into_iter(self) -> Self::IntoIter {
        self.results.into_iter()
    }
}

fn invalid(field: &str, message: impl Into<String>) -> Error {
    Error::invalid(FieldError::new(field, FieldErrorKind::InvalidType, message))
}

/// Paging ends a `Query`.
impl<R: Resource> Query<R> {
    /// Reads one page (the action must have `pagination`): the first
    /// records, those at an offset, or those after or before a keyset
    /// cursor. The page's limit and offset replace the query's; its sort is
    /// the query's, then the primary key. See [`PageRequest`].
    ///
    /// # Errors
    ///
    /// `Error::Invalid` on `after`/`before` for a cursor that is not valid
    /// (or was made for another sort), on `offset`/`after`/`before` for a
    /// kind of pagination the action does not have, on `limit` for a limit
    /// of 0 (or none, when the action has no `default_limit`), on `count`
    /// when the action is not `countable`.
    pub fn page(self, domain: &Domain, request: PageRequest) -> Result<Page<R>> {
        domain.read_page(&self, request)
    }
}

impl Domain {
    /// One page of `query` (`Query::page`).
    pub(crate) fn read_page<R: Resource>(&self, query: &Query<R>, request: PageRequest) -> Result<Page<R>> {
        let span = self.action_span(R::info(), query.action, "read");
        let _entered = span.enter();
        let mut prepared = self.prepare(query)?;
        let (info, action) = (prepared.info, prepared.action);
        let Some(pagination) = action.pagination else {
            return Err(Error::DataLayer(format!(
                "read action `{}` of {} is not paginated: give it `pagination {{ offset: true }}` \
                 or `pagination {{ keyset: true }}` to read it by pages",
                action.name, info.name
            )));
        };
        let limit = page_limit(&pagination, request.limit)?;
        let sort = with_primary_key(info, &prepared.query.sort);
        let keyset_sort = sort.iter().all(|(name, _)| info.attribute(name).is_some());
        let count = match request.count {
            false => None,
            true if pagination.countable => {
                let counted = DataQuery { filter: prepared.query.filter.clone(), ..DataQuery::default() };
                Some(self.count_rows(prepared.target(), &counted)?)
            }
            true => {
                let message = format!("read action `{}` of {} is not `countable`", action.name, info.name);
                return Err(invalid("count", message));
            }
        };
        let data = &mut prepared.query;
        data.sort = sort.clone();
        data.limit = Some(limit.saturating_add(1));
        data.offset = 0;
        let mut backwards = false;
        let mut offset = None;
        match &request.position {
            Position::Start => offset = Some(0),
            Position::Offset(start) => {
                if !pagination.offset {
                    let message = format!("read action `{}` of {} pages by keyset only", action.name, info.name);
                    return Err(invalid("offset", message));
                }
                data.offset = *start;
                offset = Some(*start);
            }
            Position::After(cursor) | Position::Before(cursor) => {
                let field = if matches!(request.position, Position::After(_)) { "after" } else { "before" };
                if !pagination.keyset {
                    let message = format!("read action `{}` of {} pages by offset only", action.name, info.name);
                    return Err(invalid(field, message));
                }
                if !keyset_sort {
                    return Err(Error::DataLayer(format!(
                        "keyset pagination of {} sorts by attributes only: a sort by a calculation or an \
                         aggregate needs offset pagination",
                        info.name
                    )));
                }
                let values = cursor::decode(info, &sort, cursor).map_err(|message| invalid(field, message))?;
                if field == "before" {
                    backwards = true;
                    data.sort = sort.iter().map(|(name, order)| (name.clone(), order.reversed())).collect();
                }
                data.after = Some(values);
            }
        }
        let mut records = self.records(&prepared, &query.loads)?;
        let more = records.len() > limit;
        records.truncate(limit);
        if backwards {
            records.reverse();
        }
        let cursors = match pagination.keyset && keyset_sort {
            true => records.iter().map(|record| cursor::encode(info, &sort, &record.row)).collect(),
            false => Vec::new(),
        };
        let results = records.into_iter().map(R::from_record).collect::<Result<Vec<R>>>()?;
        Ok(Page { results, more, count, limit, offset, cursors })
    }
}

/// The page size: the request's or the default, at most `max_page_size`.
fn page_limit(pagination: &PaginationInfo, requested: Option<usize>) -> Result<usize> {
    match requested.or(pagination.default_limit) {
        Some(0) => Err(invalid("limit", "must be greater than 0")),
        Some(limit) => Ok(limit.min(pagination.max_page_size)),
        None => Err(invalid("limit", "is required: the action has no `default_limit`")),
    }
}

/// `sort`, then each primary key attribute it does not name, ascending.
fn with_primary_key(info: &ResourceInfo, sort: &[(String, SortOrder)]) -> Vec<(String, SortOrder)> {
    let mut sort = sort.to_vec();
    for col in info.primary_key() {
        let name = info.attributes[col].name;
        if !sort.iter().any(|(sorted, _)| sorted == name) {
            sort.push((name.to_string(), SortOrder::Asc));
        }
    }
    sort
}

#[cfg(test)]
mod tests {
    use super::Page;

    #[test]
    fn a_page_serializes_with_what_it_has() {
        let page = Page { results: vec![1, 2], more: true, count: None, limit: 2, offset: Some(0), cursors: vec![] };
        assert_eq!(serde_json::to_string(&page).unwrap(), r#"{"results":[1,2],"more":true,"limit":2,"offset":0}"#);
        let keyset = Page {
            results: vec!["a"],
            more: false,
            count: Some(1),
            limit: 5,
            offset: None,
            cursors: vec!["c1".into()],
        };
        assert_eq!(
            serde_json::to_string(&keyset).unwrap(),
            r#"{"results":["a"],"more":false,"count":1,"limit":5,"cursors":["c1"]}"#
        );
    }
}
