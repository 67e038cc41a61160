//! One migration file: `<YYYYMMDDHHMMSS>_<name>.sql`, plain SQL in two
//! sections, so that it can be read, reviewed and edited like any SQL file:
//!
//! ```sql
//! -- resource migration 20261202013000_add_tickets
//!
//! -- migrate:up
//! CREATE TABLE "tickets" (..);
//!
//! -- migrate:down
//! DROP TABLE "tickets";
//! ```
//!
//! The runner applies a section as one batch inside one transaction, with
//! foreign keys switched off around it and checked before the commit (see
//! `data_layer::sql::migration`), so a file never needs `BEGIN` or `PRAGMA`s.
//! Its checksum is SHA-256 over the text with line endings normalised, so a
//! CRLF checkout of an applied file is not a change.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::error::MigrationError;

/// The line that opens the `up` section.
pub const UP_MARKER: &str = "-- migrate:up";
/// The line that opens the `down` section.
pub const DOWN_MARKER: &str = "-- migrate:down";

/// A parsed migration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationFile {
    /// The 14-digit UTC timestamp that orders migrations.
    pub version: String,
    /// The name after the version (`add_tickets`).
    pub name: String,
    /// The SQL that applies it.
    pub up: String,
    /// The SQL that reverts it.
    pub down: String,
    /// SHA-256 (lower-case hex) of the file's text with `\r\n` read as `\n`.
    pub checksum: String,
}

impl MigrationFile {
    /// The file's text for `up` and `down` (each trimmed, ending in a newline).
    pub fn render(version: &str, name: &str, up: &str, down: &str) -> String {
        let section = |sql: &str| if sql.trim().is_empty() { String::new() } else { format!("{}\n", sql.trim()) };
        format!(
            "-- resource migration {version}_{name}\n\n{UP_MARKER}\n{}\n{DOWN_MARKER}\n{}",
            section(up),
            section(down)
        )
    }

    /// `<version>_<name>.sql`.
    pub fn file_name(&self) -> String {
        format!("{}_{}.sql", self.version, self.name)
    }

    /// Reads a file's `text`; `path` names it (its file name gives the
    /// version and name) and is what errors point at.
    pub fn parse(path: &Path, text: &str) -> Result<MigrationFile, MigrationError> {
        let error = |message: String| MigrationError::File { path: path.to_path_buf(), message };
        let file_name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default();
        let (version, name) = parse_file_name(file_name).ok_or_else(|| {
            error(format!(
                "a migration file is named `<YYYYMMDDHHMMSS>_<name>.sql` (14 digits, an underscore, \
                 letters, digits or underscores); `{file_name}` is not"
            ))
        })?;
        let text = normalise_line_endings(text);
        let mut up: Option<Vec<&str>> = None;
        let mut down: Option<Vec<&str>> = None;
        for (number, line) in text.lines().enumerate() {
            match line.trim_end() {
                UP_MARKER if up.is_some() => return Err(error(format!("line {}: a second `{UP_MARKER}`", number + 1))),
                UP_MARKER if down.is_some() => {
                    return Err(error(format!("line {}: `{UP_MARKER}` must come before `{DOWN_MARKER}`", number + 1)));
                }
                UP_MARKER => up = Some(Vec::new()),
                DOWN_MARKER if down.is_some() => {
                    return Err(error(format!("line {}: a second `{DOWN_MARKER}`", number + 1)));
                }
                DOWN_MARKER if up.is_none() => {
                    return Err(error(format!("line {}: `{DOWN_MARKER}` before `{UP_MARKER}`", number + 1)));
                }
                DOWN_MARKER => down = Some(Vec::new()),
                _ => match (&mut up, &mut down) {
                    (_, Some(lines)) | (Some(lines), None) => lines.push(line),
                    (None, None) if line.trim().is_empty() || line.trim_start().starts_with("--") => {}
                    (None, None) => {
                        return Err(error(format!("line {}: SQL before `{UP_MARKER}`", number + 1)));
                    }
                },
            }
        }
        let up = up.ok_or_else(|| error(format!("no `{UP_MARKER}` line")))?;
        let down = down.ok_or_else(|| error(format!("no `{DOWN_MARKER}` line")))?;
        Ok(MigrationFile {
            version: version.to_string(),
            name: name.to_string(),
            up: up.join("\n").trim().to_string(),
            down: down.join("\n").trim().to_string(),
            checksum: checksum(&text),
        })
    }
}

/// `("20261202013000", "add_tickets")` from `20261202013000_add_tickets.sql`.
pub fn parse_file_name(file_name: &str) -> Option<(&str, &str)> {
    let stem = file_name.strip_suffix(".sql")?;
    let (version, name) = stem.split_once('_')?;
    let valid_version = version.len() == 14 && version.bytes().all(|b| b.is_ascii_digit());
    let valid_name = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    (valid_version && valid_name).then_some((version, name))
}

/// SHA-256 in lower-case hex of `text` with line endings normalised.
pub fn checksum(text: &str) -> String {
    let digest = Sha256::digest(normalise_line_endings(text).as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn normalise_line_endings(text: &str) -> String {
    text.replace("\r\n", "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(name: &str, text: &str) -> Result<MigrationFile, MigrationError> {
        MigrationFile::parse(Path::new(name), text)
    }

    #[test]
    fn a_rendered_file_parses_back() {
        let text = MigrationFile::render("20261202013000", "add_tickets", "CREATE TABLE t (a);\n", " DROP TABLE t; ");
        let file = parse("20261202013000_add_tickets.sql", &text).unwrap();
        assert_eq!(file.version, "20261202013000");
        assert_eq!(file.name, "add_tickets");
        assert_eq!(file.up, "CREATE TABLE t (a);");
        assert_eq!(file.down, "DROP TABLE t;");
        assert_eq!(file.file_name(), "20261202013000_add_tickets.sql");
    }

    #[test]
    fn the_checksum_ignores_line_endings_only() {
        let text = MigrationFile::render("20261202013000", "a", "CREATE TABLE t (a);", "DROP TABLE t;");
        let crlf = text.replace('\n', "\r\n");
        let lf = parse("20261202013000_a.sql", &text).unwrap();
        assert_eq!(lf.checksum, parse("20261202013000_a.sql", &crlf).unwrap().checksum);
        assert_eq!(lf.checksum.len(), 64);
        let edited = text.replace("(a)", "(b)");
        assert_ne!(lf.checksum, parse("20261202013000_a.sql", &edited).unwrap().checksum);
    }

    #[test]
    fn malformed_files_name_the_file_and_the_rule() {
        let message = |name: &str, text: &str| parse(name, text).unwrap_err().to_string();
        assert!(message("add.sql", "-- migrate:up\n-- migrate:down\n").contains("add.sql: a migration file is named"));
        assert!(message("2026120201300_a.sql", "").contains("14 digits"));
        assert_eq!(
            message("20261202013000_a.sql", "SELECT 1;"),
            "20261202013000_a.sql: line 1: SQL before `-- migrate:up`"
        );
        assert_eq!(
            message("20261202013000_a.sql", "-- migrate:up\nSELECT 1;\n"),
            "20261202013000_a.sql: no `-- migrate:down` line"
        );
        assert_eq!(
            message("20261202013000_a.sql", "-- migrate:down\n-- migrate:up\n"),
            "20261202013000_a.sql: line 1: `-- migrate:down` before `-- migrate:up`"
        );
        assert_eq!(
            message("20261202013000_a.sql", "-- migrate:up\n-- migrate:down\n-- migrate:down\n"),
            "20261202013000_a.sql: line 3: a second `-- migrate:down`"
        );
    }
}
