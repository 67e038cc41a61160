//! A domain: the registry of resources and the data layer each one is
//! stored in. Each repo (a `Repo` type a resource names, or by default the
//! data layer kind it declares) maps to an `Arc<dyn DataLayer>`; the domain
//! names no backend and reads what a layer can do from its capabilities.

use std::any::TypeId;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use crate::data_layer::foreign_key::{ForeignKey, Incoming, foreign_keys, incoming, may_reference};
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

/// Resources by the address of their static description, hashed with
/// foldhash: every action looks its resource up, several times, and std's
/// SipHash cost about 0.26k instructions a look-up (docs/benchmarks.md).
type Resources = HashMap<usize, Registered, foldhash::fast::RandomState>;

struct DomainInner {
    resources: Resources,
    /// The tables of polymorphic resources registered with their layer:
    /// (the resource's address, the table).
    tables: Mutex<HashSet<(usize, String)>>,
}

#[derive(Clone)]
pub(crate) struct Registered {
    pub(crate) info: &'static ResourceInfo,
    pub(crate) layer: Arc<dyn DataLayer>,
    /// Its own table's foreign keys (`foreign_keys`).
    keys: Arc<[ForeignKey]>,
    /// The registered resources' own tables referencing its own table.
    incoming: Arc<[Incoming]>,
    /// Whether any registered resource (in any table) references it or it
    /// references any: only then has a write foreign keys to mind.
    pub(crate) related: bool,
}

/// `Domain { resources: {"Representative": "sqlite", "Ticket": "sqlite"} }`:
/// each registered resource and the name of its data layer, by name.
impl std::fmt::Debug for Domain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut resources: Vec<(&str, &str)> =
            self.inner.resources.values().map(|registered| (registered.info.name, registered.layer.name())).collect();
        resources.sort_unstable();
        f.debug_struct("Domain").field("resources", &DebugMap(&resources)).finish()
    }
}

struct DebugMap<'a>(&'a [(&'a str, &'a str)]);

impl std::fmt::Debug for DebugMap<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.0.iter().map(|(k, v)| (k, v))).finish()
    }
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

    /// The span one action runs in (level debug, name `action`): the
    /// resource, the action, its kind and the layer, so that a subscriber
    /// sees each SQL statement under the action that ran it. Its fields
    /// are computed only when a subscriber wants the span.
    pub(crate) fn action_span(&self, info: &'static ResourceInfo, action: &str, kind: &'static str) -> tracing::Span {
        tracing::debug_span!(
            target: "resource::action",
            "action",
            resource = info.name,
            action,
            kind,
            layer = self.registered(info).map_or("unregistered", |registered| registered.layer.name()),
        )
    }

    /// The data layer a resource is stored in.
    pub fn data_layer(&self, info: &'static ResourceInfo) -> Result<Arc<dyn DataLayer>> {
        Ok(self.registered(info)?.layer.clone())
    }

    /// The foreign keys of `target`'s table ([`foreign_keys`]; computed
    /// once for a resource's own table).
    pub(crate) fn foreign_keys(&self, target: Target<'_>) -> Result<Arc<[ForeignKey]>> {
        match target.table {
            None => Ok(self.registered(target.resource)?.keys.clone()),
            Some(_) => Ok(foreign_keys(target).into()),
        }
    }

    /// The foreign keys of the domain's tables (its resources' own, and the
    /// polymorphic tables registered so far) that reference `target`'s table.
    pub(crate) fn incoming(&self, target: Target<'_>) -> Result<Vec<Incoming>> {
        let registered = self.registered(target.resource)?;
        if target.table.is_some() {
            // A polymorphic destination is never referenced.
            return Ok(Vec::new());
        }
        let mut found = registered.incoming.to_vec();
        let tables: Vec<(usize, String)> =
            self.inner.tables.lock().unwrap_or_else(PoisonError::into_inner).iter().cloned().collect();
        if !tables.is_empty() {
            let mut tables: Vec<(&'static ResourceInfo, String)> = tables
                .into_iter()
                .filter_map(|(address, table)| Some((self.inner.resources.get(&address)?.info, table)))
                .collect();
            tables.sort_by(|a, b| (a.0.name, &a.1).cmp(&(b.0.name, &b.1)));
            found.extend(incoming(tables.iter().map(|(info, table)| Target::new(info, Some(table))), target));
        }
        Ok(found)
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

/// Each registered resource's foreign keys, and who references it, among
/// the registered resources (by name, so that the order is the same in
/// every run). A foreign key to a resource the domain does not register is
/// an error: no layer could check it (SQLite would refuse every write to
/// the table, its referenced table missing).
fn link_foreign_keys(resources: &mut Resources) -> Result<()> {
    let mut sources: Vec<&'static ResourceInfo> =
        resources.values().map(|r| r.info).filter(|info| may_reference(info)).collect();
    sources.sort_by_key(|info| info.name);
    // Tables of their own (a polymorphic source's others are registered later).
    let own: Vec<Target<'static>> = sources
        .iter()
        .filter(|info| !(info.sql.polymorphic && info.sql.table.is_none()))
        .map(|info| Target::from(*info))
        .collect();
    // What each source references, whatever its table: a polymorphic
    // source's description decides for the tables it gets later.
    let mut destinations: Vec<&'static ResourceInfo> = Vec::new();
    for source in &sources {
        for key in foreign_keys(Target::from(*source)) {
            let Some(destination) = key.destination(source) else { continue };
            if !resources.contains_key(&(destination as *const ResourceInfo as usize)) {
                return Err(Error::DataLayer(format!(
                    "resource {} belongs to {} (relationship `{}`, foreign key `{}`), which this domain does not \
                     register: register it too (or set `ignore` on its reference)",
                    source.name, destination.name, key.relationship, key.name
                )));
            }
            destinations.push(destination);
        }
    }
    for registered in resources.values_mut() {
        let info = registered.info;
        registered.keys = foreign_keys(info.into()).into();
        registered.incoming = incoming(own.iter().copied(), info.into()).into();
        let referenced = destinations.iter().any(|destination| std::ptr::eq(*destination, info));
        registered.related = referenced || !registered.keys.is_empty();
    }
    Ok(())
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
        let mut resources = Resources::default();
        for info in std::mem::take(&mut self.resources) {
            if info.data_layer == DataLayerKind::Embedded {
                // Ash's `EnsureNoEmbeds`: an embed lives in its parent's record.
                return Err(Error::DataLayer(format!(
                    "resource {} is embedded (`data_layer: Embedded`) and has no table: do not register it; \
                     register the resources that hold it",
                    info.name
                )));
            }
            let layer = self.layer_for(info)?;
            // A polymorphic resource without a table of its own has tables
            // only per relationship or query (`Domain::target`).
            if !(info.sql.polymorphic && info.sql.table.is_none()) {
                layer.register(info.into())?;
            }
            let registered = Registered { info, layer, keys: Arc::new([]), incoming: Arc::new([]), related: false };
            resources.insert(info as *const ResourceInfo as usize, registered);
        }
        link_foreign_keys(&mut resources)?;
        Ok(Domain { inner: Arc::new(DomainInner { resources, tables: Mutex::default() }) })
    }
}
