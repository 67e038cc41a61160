//! A domain: the registered resources and the data layer each one uses.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use crate::data_layer::DataLayer;
use crate::data_layer::ets::Ets;
use crate::data_layer::sqlite::Sqlite;
use crate::error::{Error, Result};
use crate::info::{ActionKind, DataLayerKind, ResourceInfo};
use crate::value::Value;

/// The registered resources of an application. Cheap to clone and
/// `Send + Sync`: share it across threads.
#[derive(Clone)]
pub struct Domain {
    inner: Arc<DomainInner>,
}

struct DomainInner {
    /// Keyed by the address of the resource's static description.
    resources: HashMap<usize, Registered>,
    /// The table variants of polymorphic resources registered with their layer.
    variants: Mutex<HashSet<usize>>,
}

#[derive(Clone)]
pub(crate) struct Registered {
    pub(crate) info: &'static ResourceInfo,
    pub(crate) layer: Arc<dyn DataLayer>,
}

/// Builds a `Domain`: register resources, optionally pick a data layer for all of them.
#[must_use]
pub struct DomainBuilder {
    resources: Vec<&'static ResourceInfo>,
    layer_override: Option<Arc<dyn DataLayer>>,
    /// The database of resources that declare `data_layer: Sqlite`.
    sqlite: Option<Arc<dyn DataLayer>>,
    /// Databases by repo type, for resources that name one (`sqlite { repo: T }`).
    repos: Vec<(std::any::TypeId, Arc<dyn DataLayer>)>,
}

impl Domain {
    /// Starts a domain. Resources use the data layer they declare unless a
    /// `with_*` call picks one for all of them.
    #[allow(clippy::new_ret_no_self)]
    pub fn new() -> DomainBuilder {
        DomainBuilder { resources: Vec::new(), layer_override: None, sqlite: None, repos: Vec::new() }
    }

    pub(crate) fn registered(&self, info: &'static ResourceInfo) -> Result<&Registered> {
        let found = self.inner.resources.get(&(info as *const ResourceInfo as usize));
        // A polymorphic resource's table variant lives where the resource does.
        let found = found.or_else(|| {
            let base = crate::polymorphic::base_of(info);
            self.inner.resources.get(&(base as *const ResourceInfo as usize))
        });
        found.ok_or_else(|| Error::NoSuchResource { resource: info.name.to_string() })
    }

    /// The description of polymorphic resource `info` stored in `table`
    /// (registered with its data layer on first use: on SQLite with
    /// `create_schema`, the table is created).
    pub fn table_variant(&self, info: &'static ResourceInfo, table: &str) -> Result<&'static ResourceInfo> {
        let registered = self.registered(info)?;
        if !registered.info.polymorphic {
            if registered.info.table_name() == table {
                return Ok(registered.info);
            }
            return Err(Error::DataLayer(format!(
                "{} is stored in table `{}`; only a polymorphic resource (`sqlite {{ polymorphic: true; }}`) \
                 can be read from table `{table}`",
                info.name,
                registered.info.table_name()
            )));
        }
        let variant = crate::polymorphic::variant(registered.info, table);
        let address = variant as *const ResourceInfo as usize;
        let fresh = self.inner.variants.lock().unwrap_or_else(PoisonError::into_inner).insert(address);
        if fresh && let Err(error) = registered.layer.register(variant) {
            self.inner.variants.lock().unwrap_or_else(PoisonError::into_inner).remove(&address);
            return Err(error);
        }
        Ok(variant)
    }

    /// The data layer a resource is stored in.
    pub fn data_layer(&self, info: &'static ResourceInfo) -> Result<Arc<dyn DataLayer>> {
        Ok(self.registered(info)?.layer.clone())
    }

    /// Every registered resource.
    pub fn resources(&self) -> impl Iterator<Item = &'static ResourceInfo> + '_ {
        self.inner.resources.values().map(|r| r.info)
    }

    /// Runs `f` in one transaction on each data layer of the domain: what it
    /// writes is committed when it returns `Ok` and rolled back when it
    /// returns `Err`, on layers that support transactions (SQLite; not ETS).
    /// Actions run inside `f` join the transaction.
    pub fn transaction<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        let mut layers: Vec<Arc<dyn DataLayer>> = Vec::new();
        for registered in self.inner.resources.values() {
            if !layers.iter().any(|l| Arc::ptr_eq(l, &registered.layer)) {
                layers.push(registered.layer.clone());
            }
        }
        let mut body = Some(f);
        let mut out = None;
        nest(&layers, &mut || {
            let body = body.take().ok_or_else(|| Error::DataLayer("a transaction body ran twice".into()))?;
            out = Some(body()?);
            Ok(())
        })?;
        out.ok_or_else(|| Error::DataLayer("a transaction committed without running its body".into()))
    }
}

/// `f` inside a transaction of each of `layers`, outermost first.
fn nest(layers: &[Arc<dyn DataLayer>], f: &mut dyn FnMut() -> Result<()>) -> Result<()> {
    match layers.split_first() {
        None => f(),
        Some((first, rest)) => first.transaction(&mut || nest(rest, f)),
    }
}

impl DomainBuilder {
    /// Stores every resource in one shared in-memory ETS-like store.
    pub fn with_ets(self) -> Self {
        self.with_data_layer(Arc::new(Ets::new()))
    }

    /// The database for resources that declare `data_layer: Sqlite` (their
    /// "repo"); resources that declare `Ets` stay in memory. A `with_data_layer`
    /// override still wins over it.
    pub fn with_sqlite(mut self, sqlite: Sqlite) -> Self {
        self.sqlite = Some(Arc::new(sqlite));
        self
    }

    /// The database of repo `R`: resources declaring `sqlite { repo: R }` are
    /// stored in `sqlite` (Ash's repo module). Resources naming no repo, or a
    /// repo the domain was not given, use `with_sqlite`'s database.
    pub fn with_repo<R: crate::info::Repo>(mut self, sqlite: Sqlite) -> Self {
        self.repos.push((std::any::TypeId::of::<R>(), Arc::new(sqlite)));
        self
    }

    /// The database of a Sqlite resource: its repo's, else the default one.
    fn sqlite_for(&self, info: &'static ResourceInfo) -> Option<Arc<dyn DataLayer>> {
        let by_repo = info.repo.and_then(|repo| {
            let id = repo().id;
            self.repos.iter().find(|(repo, _)| *repo == id).map(|(_, db)| db.clone())
        });
        by_repo.or_else(|| self.sqlite.clone())
    }

    /// Stores every resource in `layer`, whatever they declare.
    pub fn with_data_layer(mut self, layer: Arc<dyn DataLayer>) -> Self {
        self.layer_override = Some(layer);
        self
    }

    pub fn register<R: crate::Resource>(self) -> Self {
        self.register_info(R::info())
    }

    pub fn register_info(mut self, info: &'static ResourceInfo) -> Self {
        self.resources.push(info);
        self
    }

    /// Prepares each resource's storage and returns the domain.
    pub fn build(self) -> Result<Domain> {
        let ets: Arc<dyn DataLayer> = Arc::new(Ets::new());
        let mut resources = HashMap::new();
        for &info in &self.resources {
            let layer = match (&self.layer_override, info.data_layer) {
                (Some(layer), _) => layer.clone(),
                (None, DataLayerKind::Ets) => ets.clone(),
                (None, DataLayerKind::Sqlite) => match self.sqlite_for(info) {
                    Some(sqlite) => sqlite,
                    None if info.repo.is_some() => {
                        let repo = info.repo.map(|repo| repo().name).unwrap_or_default();
                        return Err(Error::DataLayer(format!(
                            "resource {} is stored in repo {repo}; give the domain its database with \
                             `with_repo::<{repo}>(Sqlite::open(path)?)`",
                            info.name
                        )));
                    }
                    None => {
                        return Err(Error::DataLayer(format!(
                            "resource {} declares the Sqlite data layer; give the domain a database with \
                             `with_sqlite(Sqlite::open(path)?)` (or one layer for all with `with_data_layer`)",
                            info.name
                        )));
                    }
                },
                (None, kind) => {
                    return Err(Error::DataLayer(format!(
                        "resource {} declares the {kind:?} data layer; pass one with `with_data_layer`",
                        info.name
                    )));
                }
            };
            // A polymorphic resource without a table of its own has tables
            // only per relationship or query (`table_variant`).
            if !(info.polymorphic && info.table.is_none()) {
                layer.register(info)?;
            }
            resources.insert(info as *const ResourceInfo as usize, Registered { info, layer });
        }
        Ok(Domain { inner: Arc::new(DomainInner { resources, variants: Mutex::default() }) })
    }
}

/// Lookups by primary key and identity (reads through actions: `read.rs`).
impl Domain {
    /// The record with this primary key (values in key order); `NotFound` if none.
    pub fn get<R: crate::Resource>(&self, pk: Vec<Value>) -> Result<R> {
        let info = R::info();
        let keys: Vec<usize> = info.primary_key().collect();
        let names = keys.iter().map(|&i| info.attributes[i].name);
        self.get_by_keys(info, &keys, names, pk)
    }

    /// The record whose identity `identity` has these key values (in key order); `NotFound` if none.
    pub fn get_by_identity<R: crate::Resource>(&self, identity: &str, values: Vec<Value>) -> Result<R> {
        let info = R::info();
        let found = info
            .identity(identity)
            .ok_or_else(|| Error::DataLayer(format!("resource {} has no identity `{identity}`", info.name)))?;
        let keys: Vec<usize> = found.keys.iter().filter_map(|k| info.attribute_index(k)).collect();
        self.get_by_keys(info, &keys, found.keys.iter().copied(), values)
    }

    fn get_by_keys<R: crate::Resource>(
        &self,
        info: &'static ResourceInfo,
        keys: &[usize],
        names: impl Iterator<Item = &'static str>,
        values: Vec<Value>,
    ) -> Result<R> {
        // Cast each value to its attribute's type (a `&str` for a ci string, say).
        let values: Vec<Value> = keys
            .iter()
            .zip(values)
            .map(|(&i, v)| crate::cast::cast_value(info.attributes[i].ty, v.clone()).unwrap_or(v))
            .collect();
        match self.registered(info)?.layer.get(info, keys, &values)? {
            Some(row) => R::from_row(row),
            None => {
                Err(Error::NotFound { resource: info.name, lookup: names.map(str::to_string).zip(values).collect() })
            }
        }
    }
}

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
    /// bulk and is returned; on a layer with transactions (SQLite) nothing
    /// of the bulk is kept, on ETS the records written before it stay.
    ///
    /// ```ignore
    /// let products = shop.bulk_create(names.iter().map(|n| Product::create().name(n).price(p).changeset(&shop)))?;
    /// ```
    pub fn bulk_create<R: crate::Resource>(
        &self,
        changesets: impl IntoIterator<Item = crate::Changeset<R>>,
    ) -> Result<Vec<R>> {
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
