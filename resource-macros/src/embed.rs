//! `embed_migrations!("priv")`: lists the migration files at compile time
//! and expands to `include_str!`s of each, grouped by repo directory.

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;

pub fn expand(input: TokenStream) -> TokenStream {
    let dir: LitStr = match syn::parse2(input) {
        Ok(dir) => dir,
        Err(error) => {
            return syn::Error::new(error.span(), "write the migrations' directory: `embed_migrations!(\"priv\")`")
                .to_compile_error();
        }
    };
    let root = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_default().join(dir.value());
    match repos(&root) {
        Ok(repos) => {
            let repos = repos.into_iter().map(|(repo, files)| {
                let files = files.into_iter().map(|(name, path)| {
                    let path = path.to_string_lossy().into_owned();
                    quote!((#name, include_str!(#path)))
                });
                quote!((#repo, &[#(#files),*] as &[(&str, &str)]))
            });
            quote!(&[#(#repos),*] as &[(&str, &[(&str, &str)])])
        }
        Err(message) => syn::Error::new(dir.span(), message).to_compile_error(),
    }
}

/// `(repo, [(file name, absolute path)])`, each sorted by name.
type Repos = Vec<(String, Vec<(String, PathBuf)>)>;

fn repos(root: &Path) -> Result<Repos, String> {
    let read = |dir: &Path| std::fs::read_dir(dir).map_err(|error| format!("cannot read {}: {error}", dir.display()));
    let mut repos = Vec::new();
    for entry in read(root)? {
        let entry = entry.map_err(|error| error.to_string())?;
        let migrations = entry.path().join("migrations");
        if !migrations.is_dir() {
            continue;
        }
        let mut files = Vec::new();
        for file in read(&migrations)? {
            let path = file.map_err(|error| error.to_string())?.path();
            if path.extension().is_some_and(|extension| extension == "sql") {
                let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
                files.push((name, path));
            }
        }
        files.sort();
        repos.push((entry.file_name().to_string_lossy().into_owned(), files));
    }
    repos.sort();
    Ok(repos)
}
