//! `calculations { .. }`, `relationships { .. }` and `aggregates { .. }`:
//!
//! ```text
//! calculations {
//!     /// docs go to the record's field
//!     calculate status_subject: String = expr(status <> ": " <> subject) { public: true }
//! }
//! relationships {
//!     belongs_to representative: Representative;
//!     has_many tickets: Ticket { destination_attribute: representative_id }
//! }
//! aggregates {
//!     count open_tickets: tickets { filter: expr(status == "open") }
//!     sum total_priority: tickets.priority;
//! }
//! ```

use syn::parse::ParseStream;
use syn::{Ident, Result, braced};

use crate::model::{Aggregate, AggregateKind, Calculation, Relationship, RelationshipKind};
use crate::surface::common::names::{
    AGGREGATE_KEYWORDS, AGGREGATE_OPTIONS, CALCULATION_KEYWORDS, CALCULATION_OPTIONS, RELATIONSHIP_KEYWORDS,
    RELATIONSHIP_OPTIONS,
};
use crate::surface::common::relations::{
    aggregate_head, aggregate_option, calculation_head, calculation_option, relationship_head, relationship_option,
};
use crate::surface::common::{Entry, ParseCx, Separator, no_attributes, parse_entries};

/// The `{ .. }` options after an entry's head, if any.
fn options(
    input: ParseStream,
    cx: &mut ParseCx,
    expected: &'static [&'static str],
    mut option: impl FnMut(&Ident, ParseStream, &mut ParseCx) -> Result<Entry>,
) -> Result<()> {
    if !input.peek(syn::token::Brace) {
        return Ok(());
    }
    let content;
    braced!(content in input);
    parse_entries(&content, cx, expected, Separator::Comma, |attrs, key, input, cx| {
        no_attributes(&attrs, cx);
        option(&key, input, cx)
    })
}

pub fn parse_calculations(input: ParseStream, calculations: &mut Vec<Calculation>, cx: &mut ParseCx) -> Result<()> {
    parse_entries(input, cx, CALCULATION_KEYWORDS, Separator::Semicolon, |attrs, keyword, input, cx| {
        if keyword != "calculate" {
            return Ok(Entry::Unknown);
        }
        let mut calculation = calculation_head(input, attrs)?;
        options(input, cx, CALCULATION_OPTIONS, |key, input, cx| calculation_option(&mut calculation, key, input, cx))?;
        calculations.push(calculation);
        Ok(Entry::Known)
    })
}

pub fn parse_relationships(input: ParseStream, relationships: &mut Vec<Relationship>, cx: &mut ParseCx) -> Result<()> {
    parse_entries(input, cx, RELATIONSHIP_KEYWORDS, Separator::Semicolon, |attrs, keyword, input, cx| {
        let Some(kind) = RelationshipKind::from_keyword(&keyword.to_string()) else { return Ok(Entry::Unknown) };
        let mut relationship = relationship_head(kind, input, attrs)?;
        options(input, cx, RELATIONSHIP_OPTIONS, |key, input, cx| {
            relationship_option(&mut relationship, key, input, cx)
        })?;
        relationships.push(relationship);
        Ok(Entry::Known)
    })
}

pub fn parse_aggregates(input: ParseStream, aggregates: &mut Vec<Aggregate>, cx: &mut ParseCx) -> Result<()> {
    parse_entries(input, cx, AGGREGATE_KEYWORDS, Separator::Semicolon, |attrs, keyword, input, cx| {
        let Some(kind) = AggregateKind::from_keyword(&keyword.to_string()) else { return Ok(Entry::Unknown) };
        let mut aggregate = aggregate_head(kind, &keyword, input, attrs)?;
        options(input, cx, AGGREGATE_OPTIONS, |key, input, cx| aggregate_option(&mut aggregate, key, input, cx))?;
        aggregates.push(aggregate);
        Ok(Entry::Known)
    })
}
