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
use crate::surface::common::names::{AGGREGATE_KEYWORDS, AGGREGATE_OPTIONS, CALCULATION_OPTIONS, RELATIONSHIP_OPTIONS};
use crate::surface::common::relations::{
    aggregate_head, aggregate_option, calculation_head, calculation_option, relationship_head, relationship_option,
};
use crate::surface::common::{Entry, ParseCx, Separator, no_attributes, parse_entries};

/// `, key = value, ..` after a head.
fn options(
    input: ParseStream,
    cx: &mut ParseCx,
    expected: &'static [&'static str],
    mut option: impl FnMut(&Ident, ParseStream, &mut ParseCx) -> Result<Entry>,
) -> Result<()> {
    if input.is_empty() {
        return Ok(());
    }
    input.parse::<Token![,]>()?;
    parse_entries(input, cx, expected, Separator::Comma, |attrs, key, input, cx| {
        no_attributes(&attrs, cx);
        option(&key, input, cx)
    })
}

pub fn calculation(input: ParseStream, cx: &mut ParseCx) -> Result<Calculation> {
    let mut calculation = calculation_head(input, Vec::new())?;
    options(input, cx, CALCULATION_OPTIONS, |key, input, cx| calculation_option(&mut calculation, key, input, cx))?;
    Ok(calculation)
}

pub fn relationship(keyword: &str, input: ParseStream, cx: &mut ParseCx) -> Result<Relationship> {
    let kind = RelationshipKind::from_keyword(keyword).expect("the helper names a relationship kind");
    let mut relationship = relationship_head(kind, input, Vec::new())?;
    options(input, cx, RELATIONSHIP_OPTIONS, |key, input, cx| relationship_option(&mut relationship, key, input, cx))?;
    Ok(relationship)
}

/// `None` for an unknown kind (recorded for the validator's "did you mean").
pub fn aggregate(input: ParseStream, cx: &mut ParseCx) -> Result<Option<Aggregate>> {
    let keyword: Ident = input.parse()?;
    let Some(kind) = AggregateKind::from_keyword(&keyword.to_string()) else {
        cx.unknown(keyword, AGGREGATE_KEYWORDS);
        input.step(|cursor| {
            let mut rest = *cursor;
            while let Some((_, next)) = rest.token_tree() {
                rest = next;
            }
            Ok(((), rest))
        })?;
        return Ok(None);
    };
    let mut aggregate = aggregate_head(kind, &keyword, input, Vec::new())?;
    options(input, cx, AGGREGATE_OPTIONS, |key, input, cx| aggregate_option(&mut aggregate, key, input, cx))?;
    Ok(Some(aggregate))
}
