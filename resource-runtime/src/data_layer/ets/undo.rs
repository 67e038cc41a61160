//! The inverse of one table write, and applying it.
//!
//! A transaction undoes its writes newest first, so each inverse finds its
//! table exactly as its write left it (no other thread writes to the store
//! while the transaction is open): the positions recorded at write time are
//! still right, including after a destroy moved the last row into the hole.

use super::Table;
use crate::info::value::Row;

/// What to do to a table to take one write back.
pub(super) enum Undo {
    /// A row was pushed at the end, moving these generated-value counters
    /// (column, former value).
    Inserted { counters: Vec<(usize, i64)> },
    /// The row at `pos` was `old`.
    Rewritten { pos: usize, old: Row },
    /// `row` was at `pos`; the former last row took its place.
    Destroyed { pos: usize, row: Row },
}

impl Table {
    /// Takes back the write `undo` describes: rows, positions, index entries
    /// and counters are as before it. Never panics (it runs while unwinding).
    pub(super) fn undo(&mut self, undo: Undo) {
        match undo {
            Undo::Inserted { counters } => {
                if let Some(row) = self.rows.pop() {
                    let pos = self.rows.len();
                    for index in self.indexes.iter_mut() {
                        index.remove(&row, pos);
                    }
                }
                self.next_generated.extend(counters);
            }
            Undo::Rewritten { pos, old } => {
                let Some(slot) = self.rows.get_mut(pos) else { return };
                let new = std::mem::replace(slot, old);
                self.indexes.move_keys(&new, slot, pos);
            }
            Undo::Destroyed { pos, row } => {
                let end = self.rows.len();
                if pos >= end {
                    self.rows.push(row);
                } else if let Some(slot) = self.rows.get_mut(pos) {
                    // The row that filled the hole goes back to the end.
                    let moved = std::mem::replace(slot, row);
                    self.indexes.moved(&moved, pos, end);
                    self.rows.push(moved);
                }
                if let Some(row) = self.rows.get(pos) {
                    for index in self.indexes.iter_mut() {
                        index.insert(row, pos);
                    }
                }
            }
        }
    }
}
