//! What can go wrong while generating, reading or running migrations. Each
//! variant names the file or version it is about, so a message alone tells
//! the user where to look.

use std::path::PathBuf;

/// A migration failure; the database is left as it was before the failing step.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MigrationError {
    /// Reading or writing a file or directory failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A migration file that cannot be read as one (name, sections).
    #[error("{}: {message}", path.display())]
    File {
        /// The migration file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A snapshot that is corrupt, from a newer format, or whose hash does
    /// not match its contents.
    #[error("{}: {message}", path.display())]
    Snapshot {
        /// The snapshot file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// The resources cannot be turned into a migration (conflicting
    /// declarations of one table, a NOT NULL column without a default, ..).
    #[error("{message}")]
    Generate {
        /// What to change in the resources.
        message: String,
    },
    /// The database refused a migration's SQL (or the bookkeeping around it).
    #[error("migration {version}: {source}")]
    Database {
        /// The migration that was running, or `-` outside any.
        version: String,
        /// The data layer's error.
        source: crate::info::error::Error,
    },
    /// The files and the database's list of applied migrations disagree
    /// (a changed checksum, a database past the newest file, a rollback past
    /// the first migration, an unknown `--to` version).
    #[error("{message}")]
    State {
        /// What disagrees, naming the version and file.
        message: String,
    },
}

impl MigrationError {
    /// `MigrationError::Io` for `path`.
    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> MigrationError {
        let path = path.into();
        move |source| MigrationError::Io { path, source }
    }
}
