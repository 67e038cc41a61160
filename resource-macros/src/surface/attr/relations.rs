//! `#[calculate(..)]`, `#[belongs_to(..)]` (and `has_one`, `has_many`,
//! `many_to_many`) and `#[aggregate(..)]` on the struct: the head of the
//! block form's entry, then its options as `key = value` (flags bare):
//!
//! ```text
//! #[calculate(status_subject: String = expr(status <> ": " <> subject), public)]
//! #[belongs_to(representative: Representative, allow_nil = false)]
//! #[has_many(tickets: Ticket, destination_attribute = representative_id)]
//! #[many_to_many(tags: Tag, through = TicketTag, source_attribute_on_join_resource = ticket_id)]
//! #[aggregate(count open_tickets: tickets, filter = expr(status == "open"))]
//! #[aggregate(first last_subject: tickets.subject, sort(inserted_at = desc))]
//! ```

use syn::parse::ParseStream;
use syn::{Ident, Result, Token};

use crate::model::{Aggregate, AggregateKind, Calculation, Relationship, RelationshipKind};
use crate::surface::common::names::AGGREGATE_KEYWORDS;
use crate::surface::common::relations::{
    AGGREGATE, CALCULATION, RELATIONSHIP, aggregate_head, calculation_head, relationship_head,
};
use crate::surface::common::table::Options;
use crate::surface::common::validation::skip_rest;
use crate::surface::common::{ParseCx, Separator};

/// `, key = value, ..` after a head.
fn options<T>(input: ParseStream, cx: &mut ParseCx, table: &Options<T>, target: &mut T) -> Result<()> {
    if input.is_empty() {
        return Ok(());
    }
    input.parse::<Token![,]>()?;
    table.parse_all(target, input, cx, Separator::Comma)
}

pub fn calculation(input: ParseStream, cx: &mut ParseCx) -> Result<Calculation> {
    let mut calculation = calculation_head(input, Vec::new())?;
    options(input, cx, &CALCULATION, &mut calculation)?;
    Ok(calculation)
}

pub fn relationship(keyword: &str, input: ParseStream, cx: &mut ParseCx) -> Result<Relationship> {
    let kind = RelationshipKind::from_keyword(keyword).expect("the helper names a relationship kind");
    let mut relationship = relationship_head(kind, input, Vec::new())?;
    let unknown = cx.unknown_options.len();
    options(input, cx, &RELATIONSHIP, &mut relationship)?;
    relationship.misspelt = cx.unknown_options.len() > unknown;
    Ok(relationship)
}

/// `None` for an unknown kind (recorded for the validator's "did you mean").
pub fn aggregate(input: ParseStream, cx: &mut ParseCx) -> Result<Option<Aggregate>> {
    let keyword: Ident = input.parse()?;
    let Some(kind) = AggregateKind::from_keyword(&keyword.to_string()) else {
        cx.unknown(keyword, AGGREGATE_KEYWORDS);
        skip_rest(input)?;
        return Ok(None);
    };
    let mut aggregate = aggregate_head(kind, &keyword, input, Vec::new())?;
    options(input, cx, &AGGREGATE, &mut aggregate)?;
    Ok(Some(aggregate))
}
