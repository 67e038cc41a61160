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
use syn::{Result, braced};

use crate::model::{Aggregate, AggregateKind, Calculation, Relationship, RelationshipKind};
use crate::surface::common::names::{AGGREGATE_KEYWORDS, CALCULATION_KEYWORDS, RELATIONSHIP_KEYWORDS};
use crate::surface::common::relations::{
    AGGREGATE, CALCULATION, RELATIONSHIP, aggregate_head, calculation_head, relationship_head,
};
use crate::surface::common::table::Options;
use crate::surface::common::{Entry, ParseCx, Separator, parse_entries};

/// The `{ .. }` options after an entry's head, if any.
fn options<T>(input: ParseStream, cx: &mut ParseCx, table: &Options<T>, target: &mut T) -> Result<()> {
    if !input.peek(syn::token::Brace) {
        return Ok(());
    }
    let content;
    braced!(content in input);
    table.parse_all(target, &content, cx, Separator::Comma)
}

pub fn parse_calculations(input: ParseStream, calculations: &mut Vec<Calculation>, cx: &mut ParseCx) -> Result<()> {
    parse_entries(input, cx, CALCULATION_KEYWORDS, Separator::Semicolon, |attrs, keyword, input, cx| {
        if keyword != "calculate" {
            return Ok(Entry::Unknown);
        }
        let mut calculation = calculation_head(input, attrs)?;
        options(input, cx, &CALCULATION, &mut calculation)?;
        calculations.push(calculation);
        Ok(Entry::Known)
    })
}

pub fn parse_relationships(input: ParseStream, relationships: &mut Vec<Relationship>, cx: &mut ParseCx) -> Result<()> {
    parse_entries(input, cx, RELATIONSHIP_KEYWORDS, Separator::Semicolon, |attrs, keyword, input, cx| {
        let Some(kind) = RelationshipKind::from_keyword(&keyword.to_string()) else { return Ok(Entry::Unknown) };
        let mut relationship = relationship_head(kind, input, attrs)?;
        let unknown = cx.unknown_options.len();
        options(input, cx, &RELATIONSHIP, &mut relationship)?;
        relationship.misspelt = cx.unknown_options.len() > unknown;
        relationships.push(relationship);
        Ok(Entry::Known)
    })
}

pub fn parse_aggregates(input: ParseStream, aggregates: &mut Vec<Aggregate>, cx: &mut ParseCx) -> Result<()> {
    parse_entries(input, cx, AGGREGATE_KEYWORDS, Separator::Semicolon, |attrs, keyword, input, cx| {
        let Some(kind) = AggregateKind::from_keyword(&keyword.to_string()) else { return Ok(Entry::Unknown) };
        let mut aggregate = aggregate_head(kind, &keyword, input, attrs)?;
        options(input, cx, &AGGREGATE, &mut aggregate)?;
        aggregates.push(aggregate);
        Ok(Entry::Known)
    })
}
