//! The commands and their arguments, as clap types a program can nest in
//! its own command line (`#[command(subcommand)] db: resource::cli::Command`).

use std::path::PathBuf;

/// The database and migration commands.
#[derive(Debug, Clone, PartialEq, Eq, clap::Subcommand)]
pub enum Command {
    /// Write resource snapshots and a migration for what changed in the resources.
    GenerateMigrations(GenerateArgs),
    /// Create the database (a SQLite file: its directory too; on PostgreSQL: CREATE DATABASE).
    Create,
    /// Apply pending migrations (creating the database if it is missing).
    Migrate(MigrateArgs),
    /// Revert applied migrations (the last one by default).
    Rollback(RollbackArgs),
    /// Delete the database (a SQLite file and its companions; on PostgreSQL: DROP DATABASE).
    Drop,
    /// List applied and pending migrations.
    Status,
}

/// `generate-migrations [--name NAME] [--dry-run] [--check] [--drop-columns] [--snapshot-path P] [--migration-path P]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct GenerateArgs {
    /// The migration's name (default `migrate_resources_<n>`).
    #[arg(long)]
    pub name: Option<String>,
    /// Print the files instead of writing them.
    #[arg(long)]
    pub dry_run: bool,
    /// Write nothing; exit 1 if the resources and the snapshots differ.
    #[arg(long)]
    pub check: bool,
    /// Drop the columns of removed attributes (otherwise left commented out).
    #[arg(long)]
    pub drop_columns: bool,
    /// Where snapshots are kept (default `priv/resource_snapshots`).
    #[arg(long, value_name = "PATH")]
    pub snapshot_path: Option<PathBuf>,
    /// Where migrations are kept, in `<PATH>/<repo>/migrations` (default `priv`).
    #[arg(long, value_name = "PATH")]
    pub migration_path: Option<PathBuf>,
}

/// `migrate [--step N | --to VERSION]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct MigrateArgs {
    /// Apply the next N pending migrations.
    #[arg(long, short = 'n', value_name = "N", conflicts_with = "to")]
    pub step: Option<usize>,
    /// Apply pending migrations up to and including VERSION.
    #[arg(long, value_name = "VERSION", value_parser = version)]
    pub to: Option<String>,
    /// Where migrations are kept, in `<PATH>/<repo>/migrations` (default `priv`).
    #[arg(long, value_name = "PATH")]
    pub migration_path: Option<PathBuf>,
}

/// `rollback [--step N | --to VERSION | --all]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, clap::Args)]
pub struct RollbackArgs {
    /// Revert the last N applied migrations (default 1).
    #[arg(long, short = 'n', value_name = "N", conflicts_with_all = ["to", "all"])]
    pub step: Option<usize>,
    /// Revert applied migrations down to and including VERSION.
    #[arg(long, short = 'v', value_name = "VERSION", value_parser = version, conflicts_with = "all")]
    pub to: Option<String>,
    /// Revert every applied migration.
    #[arg(long)]
    pub all: bool,
    /// Where migrations are kept, in `<PATH>/<repo>/migrations` (default `priv`).
    #[arg(long, value_name = "PATH")]
    pub migration_path: Option<PathBuf>,
}

/// A migration version: 14 digits (`YYYYMMDDHHMMSS`).
fn version(text: &str) -> Result<String, String> {
    if text.len() == 14 && text.bytes().all(|b| b.is_ascii_digit()) {
        Ok(text.to_string())
    } else {
        Err(format!("a version is 14 digits (YYYYMMDDHHMMSS), as in a migration's file name; `{text}` is not"))
    }
}

/// The whole command line when the program is only this CLI.
#[derive(Debug, Clone, PartialEq, Eq, clap::Parser)]
#[command(about = "Database and migration commands for resources")]
pub struct Cli {
    /// Run for this repo only (default: every repo).
    #[arg(long, global = true, value_name = "NAME")]
    pub repo: Option<String>,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}
