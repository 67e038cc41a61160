//! This thread's copies of the statement texts of gets, the hot read.
//!
//! The shared cache (`statements::cached`) answers under a global read
//! lock with an `Arc` clone: two reference counts written by every get on
//! every core, so parallel readers keep pulling the same cache lines from
//! each other. A thread's own copy is written by that thread only.

use std::cell::RefCell;
use std::rc::Rc;

use super::SQLITE;
use crate::data_layer::Target;
use crate::data_layer::sql::statements;

/// Texts kept per thread; past this the list starts over (few shapes are hot).
const KEPT: usize = 64;

/// A get's text: the description's address, the key columns, the text.
type Kept = (usize, Box<[usize]>, Rc<str>);

thread_local! {
    static GETS: RefCell<Vec<Kept>> = const { RefCell::new(Vec::new()) };
}

/// `SELECT .. FROM "t" WHERE "k1" = ? AND ..` for a get by `keys`.
pub(super) fn get(target: Target<'_>, keys: &[usize]) -> Rc<str> {
    let shared = || Rc::from(&*statements::get(&SQLITE, target, keys));
    // A polymorphic resource's named table is not cached (as in `statements`).
    if target.table.is_some() {
        return shared();
    }
    let resource = std::ptr::from_ref(target.resource) as usize;
    let found = GETS.try_with(|gets| {
        let mut gets = gets.borrow_mut();
        if let Some((_, _, text)) = gets.iter().find(|(r, k, _)| *r == resource && **k == *keys) {
            return text.clone();
        }
        if gets.len() >= KEPT {
            gets.clear();
        }
        let text = shared();
        gets.push((resource, keys.into(), text.clone()));
        text
    });
    // While the thread is being torn down its copies are gone.
    found.unwrap_or_else(|_| shared())
}
