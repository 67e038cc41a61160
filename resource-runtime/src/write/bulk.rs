//! `Domain::bulk_create`: many create changesets in one transaction.

use std::sync::Arc;

use crate::domain::Domain;
use crate::info::ActionKind;
use crate::info::error::{Error, Result};
use crate::info::value::Row;
use crate::typed::resource::Resource;
use crate::write::changeset::{Changeset, DynChangeset};

/// Bulk actions.
impl Domain {
    /// Runs create changesets of `R` as one unit, as Ash's `bulk_create`
    /// with `transaction: :all`, `stop_on_error?: true` and
    /// `return_records?: true`: each changeset is checked as a single create
    /// is (validations and eager identity checks ran when it was built; its
    /// pre-checks run here, before its write), and all the writes share one
    /// transaction of the resource's data layer, without a savepoint per
    /// record. Returns the stored records in order.
    ///
    /// Each changeset's hooks run around its write, inside the one
    /// transaction; the `after_transaction` hooks of those written run after it,
    /// with their record or the bulk's error.
    ///
    /// The first error (an invalid changeset, a taken identity, a failing
    /// hook) stops the bulk and is returned, and nothing of the bulk is kept
    /// (ETS and SQLite roll back; on a layer without transactions the
    /// records written before it would stay).
    ///
    /// ```ignore
    /// let products = shop.bulk_create(names.iter().map(|n| Product::create().name(n).price(p).changeset(&shop)))?;
    /// ```
    pub fn bulk_create<R: Resource>(&self, changesets: impl IntoIterator<Item = Changeset<R>>) -> Result<Vec<R>> {
        let info = R::info();
        let span = self.action_span(info, "bulk_create", "create");
        let _entered = span.enter();
        let layer = self.data_layer(info)?;
        // The changesets that reached their write, with its row: their
        // `after_transaction` hooks see the bulk's outcome once it is known.
        let mut written: Vec<(DynChangeset, Row)> = Vec::new();
        let outcome = layer.transact(|| {
            for changeset in changesets {
                let mut changeset = changeset.into_dyn()?;
                if changeset.action.kind != ActionKind::Create {
                    return Err(Error::NoSuchAction {
                        resource: info.name,
                        action: changeset.action.name.to_string(),
                        kind: ActionKind::Create.as_str(),
                    });
                }
                if !Arc::ptr_eq(&changeset.domain.data_layer(info)?, &layer) {
                    let message = format!("bulk_create of {}: a changeset was built for another domain", info.name);
                    return Err(Error::DataLayer(message));
                }
                if !changeset.is_valid() {
                    return Err(Error::Invalid(changeset.errors));
                }
                let row = changeset.write_with_hooks(&*layer)?;
                written.push((changeset, row));
            }
            Ok(())
        });
        let mut records = Vec::with_capacity(written.len());
        let mut first_error = outcome.err();
        for (changeset, row) in written {
            // Rolled back: each written changeset's hooks see the bulk's error.
            let seen = match &first_error {
                Some(error) => Err(error.clone()),
                None => Ok(row),
            };
            match changeset.after_transaction_hooks(seen) {
                Ok(row) if first_error.is_none() => records.push(R::from_row(row)?),
                Ok(_) => {}
                Err(error) => {
                    first_error.get_or_insert(error);
                }
            }
        }
        match first_error {
            Some(error) => Err(error),
            None => Ok(records),
        }
    }
}
