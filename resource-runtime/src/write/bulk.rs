//! `Domain::bulk_create`: many create changesets in one transaction.

use std::sync::Arc;

use crate::domain::Domain;
use crate::info::ActionKind;
use crate::info::error::{Error, Result};
use crate::typed::resource::Resource;
use crate::write::changeset::Changeset;

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
    /// The first error (an invalid changeset, a taken identity) stops the
    /// bulk and is returned, and nothing of the bulk is kept (ETS and SQLite
    /// roll back; on a layer without transactions the records written
    /// before it would stay).
    ///
    /// ```ignore
    /// let products = shop.bulk_create(names.iter().map(|n| Product::create().name(n).price(p).changeset(&shop)))?;
    /// ```
    pub fn bulk_create<R: Resource>(&self, changesets: impl IntoIterator<Item = Changeset<R>>) -> Result<Vec<R>> {
        let info = R::info();
        let layer = self.data_layer(info)?;
        layer.transact(|| {
            let changesets = changesets.into_iter();
            let mut records = Vec::with_capacity(changesets.size_hint().0);
            for changeset in changesets {
                let changeset = changeset.into_dyn()?;
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
                records.push(R::from_row(changeset.write(&*layer)?)?);
            }
            Ok(records)
        })
    }
}
