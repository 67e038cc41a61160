//! A domain: the registry of resources and the data layer each one is
//! stored in. Each repo (a `Repo` type a resource names, or by default the
//! data layer kind it declares) maps to an `Arc<dyn DataLayer>`; the domain
//! names no backend and reads what a layer can do from its capabilities.

use std::any::TypeId;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use crate::data_layer::{DataLayer, IntoDataLayer, Target, built_in};
use crate::info::error::{Error, Result};
use crate::info::{DataLayerKind, Repo, ResourceInfo};
use crate::typed::resource::Resource;

/// The registered resources of an application. Cheap to clone and
/// `Send + Sync`: share it across threads.
#[derive(Clone)]
pub struct Domain {
    inner: Arc<DomainInner>,
}

struct DomainInner {
    /// Keyed by the address of the resource's static description.
    resources: HashMap<usize, Registered>,
    /// The tables of polymorphic resources registered with their layer:
    /// (the resource's address, the table).
    tables: Mutex<HashSet<(usize, String)>>,
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
    /// Layers by repo: a repo type, or the kind a resource declares.
    repos: HashMap<RepoKey, Arc<dyn DataLayer>>,
}

/// What a resource's storage is looked up by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum RepoKey {
    /// The repo type the resource names (`sqlite { repo: T }`).
    Repo(TypeId),
    /// The default layer of resources declaring this kind and no repo.
    Kind(DataLayerKind),
}

impl Domain {
    /// Starts a domain. Resources use the data layer they declare unless a
    /// `with_*` call picks one for all of them.
    #[allow(clippy::new_ret_no_self)]
    pub fn new() -> DomainBuilder {
        DomainBuilder { resources: Vec::new(), layer_override: None, repos: HashMap::new() }
    }

    pub(crate) fn registered(&self, info: &'static ResourceInfo) -> Result<&Registered> {
        let found = self.inner.resources.get(&(info as *const ResourceInfo as usize));
        found.ok_or_else(|| Error::NoSuchResource { resource: info.name.to_string() })
    }

    /// Where calls about `info` in `table` go: its own table (`None`, or its
    /// own name), or one of a polymorphic resource's tables, registered with
    /// its data layer on first use (on SQLite with `create_schema`, the
    /// table is created). Another table of a resource that is not
    /// polymorphic is an error.
    pub(crate) fn target<'a>(&self, info: &'static ResourceInfo, table: Option<&'a str>) -> Result<Target<'a>> {
        let target = Target::new(info, table);
        let Some(table) = target.table else { return Ok(target) };
        let registered = self.registered(info)?;
        if !info.sql.polymorphic {
            return Err(Error::DataLayer(format!(
                "{} is stored in table `{}`; only a polymorphic resource (`sqlite {{ polymorphic: true; }}`) \
                 can be read from table `{table}`",
                info.name,
                info.table_name()
            )));
        }
        let key = (info as *const ResourceInfo as usize, table.to_string());
        let fresh = self.inner.tables.lock().unwrap_or_else(PoisonError::into_inner).insert(key.clone());
        if fresh && let Err(error) = registered.layer.register(target) {
            self.inner.tables.lock().unwrap_or_else(PoisonError::into_inner).remove(&key);
            return Err(error);
        }
        Ok(target)
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
    /// returns `Err`, on layers whose capabilities have transactions
    /// (ETS and SQLite do). Actions run inside `f` join the transaction.
    pub fn transaction<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        let mut layers: Vec<Arc<dyn DataLayer>> = Vec::new();
        for registered in self.inner.resources.values() {
            let transactional = registered.layer.capabilities().transactions;
            if transactional && !layers.iter().any(|l| Arc::ptr_eq(l, &registered.layer)) {
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
    /// The layer of repo `R`: resources naming `repo: R` in their SQL
    /// section are stored in `layer` (Ash's repo module), whatever the layer.
    /// Resources naming no repo, or a repo the domain was not given, use
    /// the layer given for their kind (`with_layer_for`).
    pub fn with_repo<R: Repo>(mut self, layer: impl IntoDataLayer) -> Self {
        self.repos.insert(RepoKey::Repo(TypeId::of::<R>()), layer.into_data_layer());
        self
    }

    /// The layer of resources that declare `data_layer: kind` and name no
    /// repo. Resources declaring `Ets` get an in-memory store without it.
    pub fn with_layer_for(mut self, kind: DataLayerKind, layer: impl IntoDataLayer) -> Self {
        self.repos.insert(RepoKey::Kind(kind), layer.into_data_layer());
        self
    }

    /// Stores every resource in `layer`, whatever they declare.
    pub fn with_data_layer(mut self, layer: impl IntoDataLayer) -> Self {
        self.layer_override = Some(layer.into_data_layer());
        self
    }

    /// Adds resource `R` to the domain.
    pub fn register<R: Resource>(self) -> Self {
        self.register_info(R::info())
    }

    /// Adds a resource by its description (for descriptions written by hand).
    pub fn register_info(mut self, info: &'static ResourceInfo) -> Self {
        self.resources.push(info);
        self
    }

    /// The layer of a resource: the override, its repo's, its kind's, or
    /// the built-in one of its kind (one shared per kind and domain).
    fn layer_for(&mut self, info: &'static ResourceInfo) -> Result<Arc<dyn DataLayer>> {
        if let Some(layer) = &self.layer_override {
            return Ok(layer.clone());
        }
        let repo = info.sql.repo.map(|repo| repo());
        if let Some(layer) = repo.and_then(|repo| self.repos.get(&RepoKey::Repo(repo.id))) {
            return Ok(layer.clone());
        }
        let kind = RepoKey::Kind(info.data_layer);
        if let Some(layer) = self.repos.get(&kind) {
            return Ok(layer.clone());
        }
        if let Some(layer) = built_in(info.data_layer) {
            self.repos.insert(kind, layer.clone());
            return Ok(layer);
        }
        let (name, kind) = (info.name, info.data_layer);
        let example = kind.example_layer();
        Err(Error::DataLayer(match (repo, kind.builder_sugar()) {
            (Some(repo), _) => format!(
                "resource {name} is stored in repo {}; give the domain its database with `with_repo::<{}>({example})`",
                repo.name, repo.name
            ),
            (None, Some(sugar)) => format!(
                "resource {name} declares the {kind:?} data layer; give the domain a database with \
                 `{sugar}({example})` (or one layer for all with `with_data_layer`)"
            ),
            (None, None) => {
                format!("resource {name} declares the {kind:?} data layer; pass one with `with_data_layer`")
            }
        }))
    }

    /// Prepares each resource's storage and returns the domain.
    pub fn build(mut self) -> Result<Domain> {
        let mut resources = HashMap::new();
        for info in std::mem::take(&mut self.resources) {
            let layer = self.layer_for(info)?;
            // A polymorphic resource without a table of its own has tables
            // only per relationship or query (`Domain::target`).
            if !(info.sql.polymorphic && info.sql.table.is_none()) {
                layer.register(info.into())?;
            }
            resources.insert(info as *const ResourceInfo as usize, Registered { info, layer });
        }
        Ok(Domain { inner: Arc::new(DomainInner { resources, tables: Mutex::default() }) })
    }
}
