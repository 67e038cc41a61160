//! `Domain::bulk_create`: many create changesets in one transaction.

use std::sync::Arc;

use crate::data_layer::{DataLayer, Target};
use crate::domain::Domain;
use crate::info::error::{Error, Result};
use crate::info::value::Row;
use crate::info::{ActionKind, ChangeInfo, ResourceInfo, Validation, ValidationInfo};
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
    /// Creates that are one write and nothing else (no hooks, pre-checks,
    /// upsert, or foreign keys the write path checks), of a resource whose
    /// changesets read nothing while built (no eager identity check,
    /// custom change or validation), are written in batches of up to 4096
    /// through [`DataLayer::create_many`](crate::DataLayer::create_many)
    /// on a layer that writes many rows at once (`batched_creates`:
    /// the multi-row `INSERT`s of PostgreSQL and SQLite), so there
    /// `changesets` is read up to that far ahead of the writes; the records
    /// and errors are those of writing them one by one. ETS writes each as
    /// it arrives.
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
        // Hook-less creates wait in `pending` to be written together
        // (`DataLayer::create_many`), in order with the others.
        let batches = layer.capabilities().batched_creates && builds_without_reading(info);
        // The changesets that reached their write, with its row: their
        // `after_transaction` hooks see the bulk's outcome once it is known.
        let mut written: Vec<(DynChangeset, Row)> = Vec::new();
        let outcome = layer.transact(|| {
            let mut pending: Vec<DynChangeset> = Vec::new();
            for changeset in changesets {
                let checked = checked(info, &layer, changeset);
                let mut changeset = match checked {
                    Ok(changeset) => changeset,
                    // The writes before it come first: one of theirs may be the first error.
                    Err(error) => return write_pending(&*layer, &mut pending, &mut written).and(Err(error)),
                };
                if batches && changeset.is_one_create(&*layer) {
                    if pending.first().is_some_and(|first| first.table != changeset.table) {
                        write_pending(&*layer, &mut pending, &mut written)?;
                    }
                    pending.push(changeset);
                    if pending.len() >= BATCH {
                        write_pending(&*layer, &mut pending, &mut written)?;
                    }
                    continue;
                }
                write_pending(&*layer, &mut pending, &mut written)?;
                let row = changeset.write_with_hooks(&*layer)?;
                written.push((changeset, row));
            }
            write_pending(&*layer, &mut pending, &mut written)
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

/// How many hook-less creates wait to be written together, at most: the
/// iterator is read this far ahead of the writes.
const BATCH: usize = 4096;

/// The changeset, if it may be written by this bulk: a valid create of
/// the bulk's resource, built for this domain's layer.
fn checked<R: Resource>(
    info: &'static ResourceInfo,
    layer: &Arc<dyn DataLayer>,
    changeset: Changeset<R>,
) -> Result<DynChangeset> {
    let changeset = changeset.into_dyn()?;
    if changeset.action.kind != ActionKind::Create {
        return Err(Error::NoSuchAction {
            resource: info.name,
            action: changeset.action.name.to_string(),
            kind: ActionKind::Create.as_str(),
        });
    }
    if !Arc::ptr_eq(&changeset.domain.data_layer(info)?, layer) {
        let message = format!("bulk_create of {}: a changeset was built for another domain", info.name);
        return Err(Error::DataLayer(message));
    }
    if !changeset.is_valid() {
        return Err(Error::Invalid(changeset.errors));
    }
    Ok(changeset)
}

/// Writes the waiting creates in one `create_many`; those written join
/// `written` (also when a later one fails, as one by one).
fn write_pending(
    layer: &dyn DataLayer,
    pending: &mut Vec<DynChangeset>,
    written: &mut Vec<(DynChangeset, Row)>,
) -> Result<()> {
    let Some(first) = pending.first() else { return Ok(()) };
    let (resource, table) = (first.resource, first.table.clone());
    let target = Target { resource, table: table.as_deref() };
    let rows: Vec<Row> = pending.iter_mut().map(DynChangeset::new_row_to_store).collect();
    let mut created = Vec::with_capacity(rows.len());
    let outcome = layer.create_many(target, rows, &mut created);
    written.extend(pending.drain(..).zip(created));
    outcome
}

/// Whether building a create changeset of `resource` reads nothing of its
/// data layer: no eager identity check, no custom change or validation
/// (which may read). Only then may creates wait for a batch, since the
/// changesets after them are built (by the caller's iterator) before
/// their rows are written.
fn builds_without_reading(resource: &ResourceInfo) -> bool {
    let custom = |v: &ValidationInfo| {
        matches!(v.rule, Validation::Custom(_)) || v.conditions.iter().any(|c| matches!(c, Validation::Custom(_)))
    };
    let creates = resource.actions.iter().filter(|a| a.kind == ActionKind::Create);
    !resource.identities.iter().any(|i| i.eager_check)
        && !resource.validations.iter().any(custom)
        && creates.into_iter().all(|action| {
            !action.changes.iter().any(|c| matches!(c, ChangeInfo::Custom(_))) && !action.validations.iter().any(custom)
        })
}
