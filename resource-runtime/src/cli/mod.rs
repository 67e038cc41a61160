//! The command line users embed in their own binary (AshSqlite's
//! `ash_sqlite.*` tasks): `generate-migrations`, `create`, `migrate`,
//! `rollback`, `drop`, `status`.
//!
//! ```no_run
//! # use resource_runtime::{Sqlite, cli::Project};
//! fn main() -> std::process::ExitCode {
//!     Project::new(Sqlite::storage("helpdesk.db"))
//!         // .register::<Ticket>().register::<Representative>()
//!         .main()
//! }
//! ```
//!
//! Or nest [`Command`] in a program's own clap command line and call
//! [`Project::execute`]. Exit codes: 0 done, 1 failed (or `--check` found a
//! difference, or `status` found a changed or missing file), 2 bad arguments.

mod command;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;

pub use command::{Cli, Command, GenerateArgs, MigrateArgs, RollbackArgs};

use crate::data_layer::migration::{DatabaseStorage, Direction};
use crate::domain::Domain;
use crate::info::{Repo, ResourceInfo};
use crate::migrate::runner::{self, MigrateTo, MigrationState, Migrations, Progress, RollbackTo};
use crate::migrate::{GenerateOptions, Generated, MigrationError, generate, repo_name};
use crate::typed::resource::Resource;

/// An application's databases and resources, as the commands see them.
pub struct Project {
    resources: Vec<&'static ResourceInfo>,
    repos: Vec<RepoTarget>,
    snapshot_path: PathBuf,
    migration_path: PathBuf,
}

struct RepoTarget {
    /// The directory name: `repo`, or the repo type's name in snake_case.
    name: String,
    storage: Box<dyn DatabaseStorage>,
    /// Migrations compiled into the program, used instead of the directory.
    embedded: Option<&'static [(&'static str, &'static str)]>,
}

/// A command's failure: what to print, and that the exit code is 1.
struct Failed(String);

impl From<MigrationError> for Failed {
    fn from(error: MigrationError) -> Self {
        Failed(error.to_string())
    }
}

impl From<crate::info::error::Error> for Failed {
    fn from(error: crate::info::error::Error) -> Self {
        match error {
            // "error: data layer error: .." says nothing more than "error: ..".
            crate::info::error::Error::DataLayer(message) | crate::info::error::Error::Database { message, .. } => {
                Failed(message)
            }
            error => Failed(error.to_string()),
        }
    }
}

impl From<std::io::Error> for Failed {
    fn from(error: std::io::Error) -> Self {
        Failed(format!("cannot write the output: {error}"))
    }
}

impl Project {
    /// A project whose resources without a `repo` live in `storage` (the repo called `repo`).
    pub fn new(storage: impl DatabaseStorage + 'static) -> Project {
        let mut project = Project::empty();
        project.repos.push(RepoTarget { name: "repo".to_string(), storage: Box::new(storage), embedded: None });
        project
    }

    /// A project with no database yet, for an application whose resources
    /// all name a repo: add each with [`Project::with_repo`]. Unlike
    /// [`Project::new`], there is no `repo` for the commands to visit (its
    /// `priv/repo/migrations` would be empty, and `status` would list it).
    pub fn empty() -> Project {
        Project {
            resources: Vec::new(),
            repos: Vec::new(),
            snapshot_path: PathBuf::from("priv/resource_snapshots"),
            migration_path: PathBuf::from("priv"),
        }
    }

    /// The database of resources declaring `sqlite { repo: R; }`.
    pub fn with_repo<R: Repo>(mut self, storage: impl DatabaseStorage + 'static) -> Project {
        let name = crate::migrate::repo_dir_name(std::any::type_name::<R>());
        self.repos.retain(|repo| repo.name != name);
        self.repos.push(RepoTarget { name, storage: Box::new(storage), embedded: None });
        self
    }

    /// Adds a resource (the generator reads it; the other commands need none).
    pub fn register<R: Resource>(mut self) -> Project {
        self.add(R::info());
        self
    }

    /// Adds every resource of `domain`.
    pub fn register_domain(mut self, domain: &Domain) -> Project {
        domain.resources().for_each(|info| self.add(info));
        self
    }

    fn add(&mut self, info: &'static ResourceInfo) {
        if !self.resources.iter().any(|known| std::ptr::eq(*known, info)) {
            self.resources.push(info);
        }
    }

    /// Where snapshots are kept (default `priv/resource_snapshots`).
    pub fn snapshot_path(mut self, path: impl Into<PathBuf>) -> Project {
        self.snapshot_path = path.into();
        self
    }

    /// Where migrations are kept, in `<path>/<repo>/migrations` (default `priv`).
    pub fn migration_path(mut self, path: impl Into<PathBuf>) -> Project {
        self.migration_path = path.into();
        self
    }

    /// Migrations compiled into the program (`resource::embed_migrations!`),
    /// used by `migrate`, `rollback` and `status` instead of the files, so
    /// that a deployed program migrates without its source tree: one
    /// `(repo, files)` entry per repo directory.
    pub fn embedded_migrations(
        mut self,
        repos: &'static [(&'static str, &'static [(&'static str, &'static str)])],
    ) -> Project {
        for (name, files) in repos {
            if let Some(repo) = self.repos.iter_mut().find(|repo| repo.name == *name) {
                repo.embedded = Some(files);
            }
        }
        self
    }

    /// Parses the process's arguments and runs the command, printing to
    /// stdout and stderr.
    pub fn main(&self) -> ExitCode {
        let code = self.run(std::env::args_os(), &mut std::io::stdout(), &mut std::io::stderr());
        ExitCode::from(code)
    }

    /// Parses `args` (the first is the program's name) and runs the
    /// command; returns the exit code.
    pub fn run<I, T>(&self, args: I, out: &mut dyn Write, err: &mut dyn Write) -> u8
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        match Cli::try_parse_from(args) {
            Ok(cli) => self.execute(cli.repo.as_deref(), &cli.command, out, err),
            Err(error) => {
                let code = if error.use_stderr() { 2 } else { 0 };
                let text = error.render().to_string();
                let _ =
                    if error.use_stderr() { err.write_all(text.as_bytes()) } else { out.write_all(text.as_bytes()) };
                code
            }
        }
    }

    /// Runs `command` for `repo` (or every repo); returns the exit code.
    pub fn execute(&self, repo: Option<&str>, command: &Command, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
        match self.try_execute(repo, command, out) {
            Ok(code) => code,
            Err(Failed(message)) => {
                let _ = writeln!(err, "error: {message}");
                1
            }
        }
    }

    fn try_execute(&self, repo: Option<&str>, command: &Command, out: &mut dyn Write) -> Result<u8, Failed> {
        let repos = self.selected(repo)?;
        if !matches!(command, Command::GenerateMigrations(_)) {
            self.check_distinct_databases()?;
        }
        let repo_filter = repo;
        let mut code = 0;
        for repo in repos {
            code = code.max(match command {
                Command::GenerateMigrations(args) => return self.generate(repo_filter, args, out),
                Command::Create => create(repo, out)?,
                Command::Drop => drop_database(repo, out)?,
                Command::Migrate(args) => self.migrate(repo, args, out)?,
                Command::Rollback(args) => self.rollback(repo, args, out)?,
                Command::Status => self.status(repo, out)?,
            });
        }
        Ok(code)
    }

    fn selected(&self, repo: Option<&str>) -> Result<Vec<&RepoTarget>, Failed> {
        if self.repos.is_empty() {
            return Err(Failed("the project has no database: give one with `Project::new` or `with_repo`".into()));
        }
        let Some(name) = repo else { return Ok(self.repos.iter().collect()) };
        match self.repos.iter().find(|target| target.name == name) {
            Some(target) => Ok(vec![target]),
            None => {
                let known: Vec<&str> = self.repos.iter().map(|target| target.name.as_str()).collect();
                Err(Failed(format!("no repo `{name}`; the repos are: {}", known.join(", "))))
            }
        }
    }

    /// Two repos on one database would share its `schema_migrations`: each
    /// would see the other's versions as applied migrations whose file is
    /// missing, and refuse to migrate or roll back.
    fn check_distinct_databases(&self) -> Result<(), Failed> {
        for (i, first) in self.repos.iter().enumerate() {
            let database = first.storage.describe();
            if let Some(second) = self.repos[i + 1..].iter().find(|other| other.storage.describe() == database) {
                return Err(Failed(format!(
                    "repos `{}` and `{}` are both given the database {database}: each repo needs its own \
                     (a repo's applied migrations are recorded in its database); \
                     use `Project::empty()` if no resource is in `repo`",
                    first.name, second.name
                )));
            }
        }
        Ok(())
    }

    fn migrations_dir(&self, repo: &RepoTarget, override_path: Option<&Path>) -> PathBuf {
        override_path.unwrap_or(&self.migration_path).join(&repo.name).join("migrations")
    }

    fn migrations(&self, repo: &RepoTarget, override_path: Option<&Path>) -> Result<Migrations, Failed> {
        let dir = self.migrations_dir(repo, override_path);
        Ok(match repo.embedded {
            Some(files) if override_path.is_none() => Migrations::embedded(dir, files)?,
            _ => Migrations::from_dir(dir)?,
        })
    }

    fn migrate(&self, repo: &RepoTarget, args: &MigrateArgs, out: &mut dyn Write) -> Result<u8, Failed> {
        let migrations = self.migrations(repo, args.migration_path.as_deref())?;
        if repo.storage.create()? {
            writeln!(out, "created {}", repo.storage.describe())?;
        }
        let db = repo.storage.open()?;
        let to = match (&args.step, &args.to) {
            (Some(n), _) => MigrateTo::Step(*n),
            (None, Some(version)) => MigrateTo::To(version.clone()),
            (None, None) => MigrateTo::All,
        };
        let applied = runner::migrate(db.as_ref(), &migrations, &to, &mut |event| print_progress(out, event))?;
        summary(out, repo, &applied, "applied")?;
        Ok(0)
    }

    fn rollback(&self, repo: &RepoTarget, args: &RollbackArgs, out: &mut dyn Write) -> Result<u8, Failed> {
        let migrations = self.migrations(repo, args.migration_path.as_deref())?;
        if !repo.storage.exists()? {
            return Err(Failed(format!("{} does not exist: there is nothing to roll back", repo.storage.describe())));
        }
        let db = repo.storage.open()?;
        let to = match (&args.step, &args.to, args.all) {
            (_, _, true) => RollbackTo::All,
            (_, Some(version), _) => RollbackTo::To(version.clone()),
            (step, None, false) => RollbackTo::Step(step.unwrap_or(1)),
        };
        let reverted = runner::rollback(db.as_ref(), &migrations, &to, &mut |event| print_progress(out, event))?;
        summary(out, repo, &reverted, "reverted")?;
        Ok(0)
    }

    fn status(&self, repo: &RepoTarget, out: &mut dyn Write) -> Result<u8, Failed> {
        let migrations = self.migrations(repo, None)?;
        writeln!(out, "{} ({})", repo.storage.describe(), migrations.dir().display())?;
        if !repo.storage.exists()? {
            let pending = migrations.files().len();
            writeln!(out, "  the database does not exist ({})", count(pending, "migration", "pending"))?;
            return Ok(0);
        }
        let db = repo.storage.open()?;
        let entries = runner::status(db.as_ref(), &migrations)?;
        if entries.is_empty() {
            writeln!(out, "  no migrations")?;
        }
        let mut code = 0;
        for entry in entries {
            let (state, note) = match &entry.state {
                MigrationState::Applied { at } => ("applied", format!("  {at}")),
                MigrationState::Pending => ("pending", String::new()),
                MigrationState::Changed => {
                    code = 1;
                    ("CHANGED", "  the file changed after it was applied".to_string())
                }
                MigrationState::MissingFile => {
                    code = 1;
                    ("MISSING", "  applied, but there is no file for it".to_string())
                }
            };
            writeln!(out, "  {state:<8} {}_{}{note}", entry.version, entry.name)?;
        }
        Ok(code)
    }

    /// `generate-migrations`: every repo at once (the generator writes nothing
    /// unless all of them can be generated), or the one `--repo` names.
    fn generate(&self, repo: Option<&str>, args: &GenerateArgs, out: &mut dyn Write) -> Result<u8, Failed> {
        let options = GenerateOptions {
            name: args.name.clone(),
            snapshot_path: args.snapshot_path.clone().unwrap_or_else(|| self.snapshot_path.clone()),
            migration_path: args.migration_path.clone().unwrap_or_else(|| self.migration_path.clone()),
            drop_columns: args.drop_columns,
            dry_run: args.dry_run,
            check: args.check,
        };
        let resources: Vec<&'static ResourceInfo> =
            self.resources.iter().copied().filter(|info| repo.is_none_or(|name| repo_name(info) == name)).collect();
        let generated = generate(&resources, &options)?;
        let changed: Vec<&(String, Generated)> = generated.iter().filter(|(_, g)| !g.is_empty()).collect();
        if changed.is_empty() {
            writeln!(out, "no changes: the snapshots match the resources")?;
            return Ok(0);
        }
        for (repo, generated) in changed {
            for (path, text) in &generated.files {
                if args.dry_run {
                    writeln!(out, "{}\n{text}", path.display())?;
                } else if args.check {
                    writeln!(out, "{repo}: would write {}", path.display())?;
                } else {
                    writeln!(out, "* creating {}", path.display())?;
                }
            }
        }
        if args.check {
            writeln!(out, "the resources and the snapshots differ: run generate-migrations")?;
            return Ok(1);
        }
        Ok(0)
    }
}

fn create(repo: &RepoTarget, out: &mut dyn Write) -> Result<u8, Failed> {
    if repo.storage.create()? {
        writeln!(out, "created {}", repo.storage.describe())?;
    } else {
        writeln!(out, "{} already exists", repo.storage.describe())?;
    }
    Ok(0)
}

fn drop_database(repo: &RepoTarget, out: &mut dyn Write) -> Result<u8, Failed> {
    if repo.storage.drop_storage()? {
        writeln!(out, "dropped {}", repo.storage.describe())?;
    } else {
        writeln!(out, "{} does not exist", repo.storage.describe())?;
    }
    Ok(0)
}

fn print_progress(out: &mut dyn Write, event: &Progress<'_>) {
    let _ = match event {
        Progress::Running { file, direction } => {
            let verb = if *direction == Direction::Up { "Applying" } else { "Reverting" };
            writeln!(out, "== {verb} {}_{}", file.version, file.name)
        }
        Progress::Done { file, direction, elapsed } => {
            let verb = if *direction == Direction::Up { "Applied" } else { "Reverted" };
            writeln!(out, "== {verb} {}_{} in {:.3}s", file.version, file.name, elapsed.as_secs_f64())
        }
        Progress::AlreadyDone { file } => {
            writeln!(out, "== {}_{} was already done by another process", file.version, file.name)
        }
    };
    let _ = out.flush();
}

fn summary(out: &mut dyn Write, repo: &RepoTarget, versions: &[String], verb: &str) -> Result<(), Failed> {
    match versions.len() {
        0 if verb == "applied" => writeln!(out, "{}: up to date", repo.storage.describe())?,
        0 => writeln!(out, "{}: nothing {verb}", repo.storage.describe())?,
        n => writeln!(out, "{}: {}", repo.storage.describe(), count(n, "migration", verb))?,
    }
    Ok(())
}

/// `1 migration applied`, `2 migrations applied`.
fn count(n: usize, noun: &str, verb: &str) -> String {
    format!("{n} {noun}{} {verb}", if n == 1 { "" } else { "s" })
}
