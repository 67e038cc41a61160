//! An option table: one row per option of a section, its name and how its
//! value is parsed into the section's model. Both surfaces read the same
//! table, and the names behind "unknown option" and "did you mean" are the
//! table's own, so an option is spelled once.
//!
//! ```text
//! option_table! {
//!     /// The options of an identity.
//!     pub IDENTITY: Identity, names IDENTITY_OPTIONS;
//!     "pre_check" => set_once!(pre_check, flag),
//!     "message" => set_once!(message, string),
//! }
//! ```

use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Ident, Result};

use super::{Entry, ParseCx, Separator, no_attributes, parse_entries};

/// Parses the value after an option's name into `target`.
pub type Parse<T> = fn(&mut T, &Ident, ParseStream, &mut ParseCx) -> Result<()>;

/// The options of one section, in the order messages list them.
pub struct Options<T: 'static> {
    pub names: &'static [&'static str],
    pub rows: &'static [(&'static str, Parse<T>)],
}

impl<T> Options<T> {
    /// Parses the option `key` into `target`; `Unknown` for a name not in the table.
    /// A raw name is its plain name: `r#match` is `match`.
    pub fn parse(&self, target: &mut T, key: &Ident, input: ParseStream, cx: &mut ParseCx) -> Result<Entry> {
        let key = key.unraw();
        let Some((_, parse)) = self.rows.iter().find(|(name, _)| key == name) else { return Ok(Entry::Unknown) };
        parse(target, &key, input, cx)?;
        Ok(Entry::Known)
    }

    /// Parses `key value, ..` entries up to the end of `input` into `target`.
    pub fn parse_all(&self, target: &mut T, input: ParseStream, cx: &mut ParseCx, separator: Separator) -> Result<()> {
        parse_entries(input, cx, self.names, separator, |attrs, key, input, cx| {
            no_attributes(&attrs, cx);
            self.parse(target, &key, input, cx)
        })
    }
}

/// Declares an `Options` table and the list of its names.
macro_rules! option_table {
    ($(#[$doc:meta])* $vis:vis $table:ident: $target:ty, names $names:ident; $($name:literal => $parse:expr,)*) => {
        $(#[$doc])*
        $vis const $table: $crate::surface::common::table::Options<$target> =
            $crate::surface::common::table::Options { names: $names, rows: &[$(($name, $parse)),*] };
        $vis const $names: &[&str] = &[$($name),*];
    };
}

/// A row that parses the value with `parse(input, key, cx)` into the
/// `Option` field `field`, reporting a second occurrence.
macro_rules! set_once {
    ($field:ident, $parse:expr) => {
        |target, key, input, cx| {
            let value = ($parse)(input, key, cx)?;
            cx.set_once(&mut target.$field, key, value);
            Ok(())
        }
    };
}

pub(crate) use {option_table, set_once};

/// `a` followed by `b`, for the name lists that add a few names to a
/// table's (`#[identity(name, keys(..), <identity options>)]`).
pub const fn concat<const N: usize>(a: &[&'static str], b: &[&'static str]) -> [&'static str; N] {
    assert!(a.len() + b.len() == N, "`N` is the length of both lists");
    let mut out = [""; N];
    let mut i = 0;
    while i < a.len() {
        out[i] = a[i];
        i += 1;
    }
    while i < N {
        out[i] = b[i - a.len()];
        i += 1;
    }
    out
}
