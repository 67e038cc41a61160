//! The module plan of both crates, checked from their sources: no import
//! cycles, and in the runtime every module imports only from its own layer
//! or the layers below it (`docs/architecture.md` has the map).
//!
//! In the runtime a node is a module two levels deep (`data_layer/sqlite`,
//! `expr/tree`, `info`): the files below it (`data_layer/sqlite/codec.rs`)
//! are its parts. In the macro crate a node is a stage of the pipeline
//! (`surface`, `model`, `validate`, `expand`), whose `mod.rs` holds what its
//! files share. An arrow is a path that leaves a node: `use crate::..`,
//! `use super::..`, a child module's name, or such a path inline. Paths
//! through a re-export (`pub use layer::DataLayer` in `data_layer/mod.rs`)
//! lead to the file that defines the item; re-exports themselves are no
//! arrows. Test modules are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The runtime's layers, lowest first: a module may import from its own
/// layer (without a cycle) and from those before it.
const RUNTIME_LAYERS: &[(&str, &[&str])] = &[
    ("values", &["info/value", "info/ci_string", "info/error", "info/types", "info/sql"]),
    ("the expression tree", &["expr/functions", "expr/tree"]),
    ("the description", &["info", "info/cast"]),
    ("expressions: names, evaluation, prefetched relations", &["expr"]),
    ("the typed skin", &["typed"]),
    ("the data layer contract", &["data_layer/layer", "data_layer/query", "data_layer/migration"]),
    ("the built-in store and the shared SQL", &["data_layer/ets", "data_layer/sql", "data_layer"]),
    ("the domain", &["domain"]),
    ("the write and read wings, and SQL databases", &["write", "read", "data_layer/sqlite", "data_layer/postgres"]),
    ("migrations: the generator and the runner", &["migrate"]),
    ("the command line", &["cli"]),
    ("the crate root", &[""]),
];

#[test]
fn the_runtime_has_no_cycles_and_no_upward_imports() {
    let graph = Graph::read(&crate_src("resource-runtime"), 2);
    graph.dump_if_asked();
    assert_eq!(graph.cycles(), Vec::<Vec<String>>::new(), "import cycles in the runtime");
    let mut upward = Vec::new();
    for (from, targets) in &graph.edges {
        let from_layer = layer_of(from);
        for to in targets {
            if layer_of(to) > from_layer {
                upward.push(format!("{from} (layer {from_layer}) imports {to} (layer {})", layer_of(to)));
            }
        }
    }
    assert_eq!(upward, Vec::<String>::new(), "imports from a higher layer");
    // The check sees the graph: the runtime has dozens of modules and arrows.
    assert!(graph.edges.len() > 30 && graph.edges.values().map(BTreeSet::len).sum::<usize>() > 100);
}

#[test]
fn the_macro_crate_has_no_cycles() {
    let graph = Graph::read(&crate_src("resource-macros"), 1);
    graph.dump_if_asked();
    assert_eq!(graph.cycles(), Vec::<Vec<String>>::new(), "import cycles in the macro crate");
    assert!(graph.edges.len() >= 7, "the pipeline's stages are read");
}

#[test]
fn no_module_above_the_sql_databases_names_one() {
    // The read and write wings and the domain reach storage only through
    // `dyn DataLayer`: adding a database touches none of them.
    let graph = Graph::read(&crate_src("resource-runtime"), 2);
    for (from, targets) in &graph.edges {
        let above = ["domain", "write/", "read/", "expr/", "info", "typed/"].iter().any(|p| from.starts_with(p));
        if above {
            let database = |t: &&String| t.starts_with("data_layer/sqlite") || t.starts_with("data_layer/postgres");
            let named: Vec<&String> = targets.iter().filter(database).collect();
            assert!(named.is_empty(), "{from} imports {named:?}");
            let text = std::fs::read_to_string(graph.files[from].first().expect("a file")).unwrap();
            assert!(!text.contains("rusqlite"), "{from} mentions rusqlite");
            assert!(!text.contains("postgres::"), "{from} mentions the postgres crate");
        }
    }
}

/// The rank of a module in `RUNTIME_LAYERS`: the layer whose longest
/// matching prefix names it.
fn layer_of(module: &str) -> usize {
    let mut best: Option<(usize, usize)> = None;
    for (rank, (_, prefixes)) in RUNTIME_LAYERS.iter().enumerate() {
        for prefix in prefixes.iter() {
            let matches = module == *prefix || prefix.is_empty() || module.starts_with(&format!("{prefix}/"));
            if matches && best.is_none_or(|(_, len)| prefix.len() > len) {
                best = Some((rank, prefix.len()));
            }
        }
    }
    best.unwrap_or_else(|| panic!("module {module} is in no layer of RUNTIME_LAYERS")).0
}

fn crate_src(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name).join("src")
}

/// A module path as written in the tree: `data_layer/sqlite`, `` for the root.
type Module = String;

struct Graph {
    /// Each node's files: its own, then its private submodules'.
    files: BTreeMap<Module, Vec<PathBuf>>,
    edges: BTreeMap<Module, BTreeSet<Module>>,
}

/// One module file, read.
struct Source {
    /// The file, relative to `src`.
    file: PathBuf,
    /// Code without comments and without `#[cfg(test)]` items.
    code: String,
    /// Child modules declared here.
    children: BTreeSet<String>,
    /// `pub use` re-exports: the path of each name, and the glob paths.
    reexports: BTreeMap<String, Vec<String>>,
    globs: Vec<Vec<String>>,
    /// Names defined here (types, traits, functions, constants).
    defines: BTreeSet<String>,
}

impl Graph {
    /// The graph of the crate at `src`, a node per module `depth` levels deep.
    fn read(src: &Path, depth: usize) -> Graph {
        let mut sources: BTreeMap<Module, Source> = BTreeMap::new();
        read_module(src, "lib.rs", String::new(), &mut sources);
        // Which node each module belongs to: its first `depth` levels.
        let node_of: BTreeMap<Module, Module> = sources
            .keys()
            .map(|module| (module.clone(), module.split('/').take(depth).collect::<Vec<_>>().join("/")))
            .collect();
        let mut files: BTreeMap<Module, Vec<PathBuf>> = BTreeMap::new();
        for (module, source) in &sources {
            files.entry(node_of[module].clone()).or_default().push(src.join(&source.file));
        }
        let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
        for (module, source) in &sources {
            let from = &node_of[module];
            let targets = edges.entry(from.clone()).or_default();
            for path in paths(source) {
                let Some(segments) = absolute(module, source, &path) else { continue };
                if let Some(target) = resolve(&sources, &segments, 0) {
                    let to = &node_of[&target];
                    if to != from {
                        targets.insert(to.clone());
                    }
                }
            }
        }
        Graph { files, edges }
    }

    /// Prints the arrows when `LAYERS_DUMP` is set, to see what the checks read.
    fn dump_if_asked(&self) {
        if std::env::var_os("LAYERS_DUMP").is_some() {
            for (from, to) in &self.edges {
                eprintln!("{from} -> {to:?}");
            }
        }
    }

    /// Every group of nodes that import each other in a circle (Tarjan).
    fn cycles(&self) -> Vec<Vec<String>> {
        struct State<'a> {
            graph: &'a Graph,
            index: BTreeMap<&'a str, usize>,
            low: BTreeMap<&'a str, usize>,
            stack: Vec<&'a str>,
            next: usize,
            found: Vec<Vec<String>>,
        }
        fn visit<'a>(s: &mut State<'a>, v: &'a str) {
            s.index.insert(v, s.next);
            s.low.insert(v, s.next);
            s.next += 1;
            s.stack.push(v);
            for w in s.graph.edges.get(v).into_iter().flatten() {
                if !s.index.contains_key(w.as_str()) {
                    visit(s, w);
                    let low = s.low[v].min(s.low[w.as_str()]);
                    s.low.insert(v, low);
                } else if s.stack.contains(&w.as_str()) {
                    let low = s.low[v].min(s.index[w.as_str()]);
                    s.low.insert(v, low);
                }
            }
            if s.low[v] == s.index[v] {
                let mut group = Vec::new();
                while let Some(w) = s.stack.pop() {
                    group.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    s.found.push(group);
                }
            }
        }
        let mut state = State {
            graph: self,
            index: BTreeMap::new(),
            low: BTreeMap::new(),
            stack: Vec::new(),
            next: 0,
            found: Vec::new(),
        };
        for v in self.edges.keys() {
            if !state.index.contains_key(v.as_str()) {
                visit(&mut state, v);
            }
        }
        state.found
    }
}

/// Reads `file` (relative to `src`) as module `module`, then its children.
fn read_module(src: &Path, file: &str, module: Module, sources: &mut BTreeMap<Module, Source>) {
    let text = std::fs::read_to_string(src.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let code = strip(&text);
    let mut children = BTreeSet::new();
    let mut reexports = BTreeMap::new();
    let mut globs = Vec::new();
    let mut defines = BTreeSet::new();
    for statement in statements(&code) {
        let words: Vec<&str> = statement.split_whitespace().collect();
        let (public, rest) = match words.first() {
            Some(w) if w.starts_with("pub") => (true, &words[1..]),
            _ => (false, &words[..]),
        };
        match rest {
            ["mod", name, ..] if !statement.contains('{') => {
                children.insert(name.trim_end_matches(';').to_string());
            }
            ["use", ..] if public => {
                for path in expand_use(&statement[statement.find("use").unwrap() + 3..]) {
                    let (path, alias) = split_alias(&path);
                    match path.last().map(String::as_str) {
                        Some("*") => globs.push(path[..path.len() - 1].to_vec()),
                        Some(last) => {
                            reexports.insert(alias.unwrap_or(last).to_string(), path.clone());
                        }
                        None => {}
                    }
                }
            }
            _ => {}
        }
    }
    for keyword in ["struct", "enum", "trait", "fn", "type", "const", "static", "macro_rules!"] {
        let mut rest = code.as_str();
        while let Some(at) = rest.find(&format!("{keyword} ")) {
            let after = &rest[at + keyword.len() + 1..];
            let name: String = after.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                defines.insert(name);
            }
            rest = after;
        }
    }
    let dir = if file == "lib.rs" || file.ends_with("/mod.rs") {
        Path::new(file).parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        PathBuf::from(file.trim_end_matches(".rs"))
    };
    let source = Source { file: PathBuf::from(file), code, children: children.clone(), reexports, globs, defines };
    sources.insert(module.clone(), source);
    for child in &children {
        let as_file = dir.join(format!("{child}.rs"));
        let as_dir = dir.join(child).join("mod.rs");
        let file = if src.join(&as_file).exists() { as_file } else { as_dir };
        let name = if module.is_empty() { child.clone() } else { format!("{module}/{child}") };
        read_module(src, file.to_str().expect("utf-8 path"), name, sources);
    }
}

/// The code without comments, string literals' contents, and `#[cfg(test)]` items.
fn strip(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") || trimmed.starts_with("#[cfg(all(test") {
            // Skip the item: a `mod x;` line, or a braced block.
            let mut depth = 0i32;
            for next in lines.by_ref() {
                depth += next.matches('{').count() as i32 - next.matches('}').count() as i32;
                if depth <= 0 && (next.trim_end().ends_with(';') || next.trim_end().ends_with('}')) {
                    break;
                }
            }
            continue;
        }
        let code = match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        };
        out.push_str(code);
        out.push('\n');
    }
    // Blank out string literals so that paths in messages are not read as imports.
    let mut cleaned = String::with_capacity(out.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in out.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
                cleaned.push('"');
            } else if c == '\n' {
                cleaned.push('\n');
            }
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        cleaned.push(c);
    }
    cleaned
}

/// Top-level-ish statements that start with `pub`, `mod` or `use`, up to their `;`.
fn statements(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[at..];
        // Attributes on the same line (`#[allow(dead_code)] mod model;`).
        while rest.starts_with("#[")
            && let Some(end) = rest.find(']')
        {
            rest = rest[end + 1..].trim_start_matches(' ');
        }
        let starts = ["use ", "mod ", "pub use ", "pub mod ", "pub(crate) use ", "pub(crate) mod ", "pub(super) use "];
        if starts.iter().any(|s| rest.starts_with(s)) {
            let end = rest.find(';').map_or(rest.len(), |e| e + 1);
            let brace = rest.find('{').unwrap_or(usize::MAX);
            let is_inline_mod = rest.contains("mod ") && brace < end && !rest[..brace].contains("use");
            let end = if is_inline_mod { rest.find('\n').unwrap_or(rest.len()) } else { end };
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        } else {
            rest = rest.find('\n').map_or("", |n| &rest[n..]);
        }
    }
    out
}

/// `a::{b, c::{d, e}}` -> `a::b`, `a::c::d`, `a::c::e` (segments; `self` kept as the prefix).
fn expand_use(tree: &str) -> Vec<Vec<String>> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace() || *c == ' ').collect();
    let tree = tree.trim().trim_end_matches(';').trim();
    expand(tree)
        .into_iter()
        .map(|path| {
            let mut segments: Vec<String> = path.split("::").map(|s| s.trim().to_string()).collect();
            if segments.last().map(String::as_str) == Some("self") {
                segments.pop();
            }
            segments
        })
        .collect()
}

fn expand(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else { return vec![tree.to_string()] };
    let prefix = tree[..open].trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    let mut out = Vec::new();
    for part in parts.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
        for tail in expand(part) {
            out.push(if prefix.is_empty() { tail } else { format!("{prefix}::{tail}") });
        }
    }
    out
}

fn split_alias(path: &[String]) -> (Vec<String>, Option<&str>) {
    match path.last().and_then(|last| last.split_once(" as ")) {
        Some((name, alias)) => {
            let mut path = path.to_vec();
            *path.last_mut().expect("a segment") = name.trim().to_string();
            (path, Some(alias.trim()))
        }
        None => (path.to_vec(), None),
    }
}

/// Every path that may leave the file: from `use` statements that are not
/// re-exports, and `crate::`/`super::`/child paths in the code.
fn paths(source: &Source) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut code = source.code.clone();
    for statement in statements(&source.code) {
        let trimmed = statement.trim_start();
        if let Some(tree) = trimmed.strip_prefix("use ") {
            for path in expand_use(tree) {
                out.push(split_alias(&path).0);
            }
        }
        if trimmed.starts_with("use ") || trimmed.starts_with("pub") {
            code = code.replacen(&statement, "", 1);
        }
    }
    let starts: Vec<String> =
        ["crate", "super", "self"].into_iter().map(String::from).chain(source.children.iter().cloned()).collect();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let at_word = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b':');
        if at_word && starts.iter().any(|s| code[i..].starts_with(&format!("{s}::"))) {
            let path: String =
                code[i..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
            out.push(path.split("::").filter(|s| !s.is_empty()).map(String::from).collect());
            i += path.len();
        } else {
            i += 1;
        }
    }
    out
}

/// A path as segments from the crate root, or `None` for another crate's.
fn absolute(module: &str, source: &Source, path: &[String]) -> Option<Vec<String>> {
    let mut here: Vec<String> =
        if module.is_empty() { Vec::new() } else { module.split('/').map(String::from).collect() };
    let first = path.first()?;
    let rest = match first.as_str() {
        "crate" => {
            here.clear();
            &path[1..]
        }
        "super" => {
            let mut rest = path;
            while rest.first().map(String::as_str) == Some("super") {
                here.pop();
                rest = &rest[1..];
            }
            rest
        }
        "self" => &path[1..],
        child if source.children.contains(child) => path,
        _ => return None,
    };
    here.extend(rest.iter().cloned());
    Some(here)
}

/// The module file that defines what `segments` names, following re-exports.
fn resolve(sources: &BTreeMap<Module, Source>, segments: &[String], depth: usize) -> Option<Module> {
    if depth > 16 {
        return None;
    }
    // The longest prefix that is a module.
    let (module, rest) = (0..=segments.len()).rev().find_map(|k| {
        let name = segments[..k].join("/");
        sources.contains_key(&name).then(|| (name, &segments[k..]))
    })?;
    let Some(item) = rest.first() else { return Some(module) };
    let source = &sources[&module];
    if source.defines.contains(item) {
        return Some(module);
    }
    let base: Vec<String> = if module.is_empty() { Vec::new() } else { module.split('/').map(String::from).collect() };
    let reexported = |path: &[String]| -> Option<Vec<String>> {
        let mut full = absolute(&module, source, path).or_else(|| {
            // `pub use child::X` and `pub use name::X` relative to this module.
            let mut full = base.clone();
            full.extend(path.iter().cloned());
            Some(full)
        })?;
        full.extend(rest[1..].iter().cloned());
        Some(full)
    };
    if let Some(full) = source.reexports.get(item).and_then(|path| reexported(path)) {
        return resolve(sources, &full, depth + 1).or(Some(module));
    }
    for glob in &source.globs {
        let mut path = glob.clone();
        path.push(item.clone());
        if let Some(full) = reexported(&path)
            && let Some(found) = resolve(sources, &full, depth + 1)
            && found != module
            && sources[&found].defines.contains(item)
        {
            return Some(found);
        }
    }
    Some(module)
}
