//! `CiString`: Ash's `:ci_string`. Keeps the case it was given; equality,
//! ordering and hashing ignore case.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

/// A case-insensitive string.
#[derive(Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct CiString(String);

impl CiString {
    /// Wraps a string, keeping its case.
    pub fn new(s: impl Into<String>) -> Self {
        CiString(s.into())
    }

    /// The string with the case it was given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The string with the case it was given, unwrapped.
    pub fn into_string(self) -> String {
        self.0
    }

    fn folded(&self) -> impl Iterator<Item = char> + '_ {
        self.0.chars().flat_map(char::to_lowercase)
    }
}

impl PartialEq for CiString {
    fn eq(&self, other: &Self) -> bool {
        self.folded().eq(other.folded())
    }
}

impl Eq for CiString {}

impl PartialEq<str> for CiString {
    fn eq(&self, other: &str) -> bool {
        self.folded().eq(other.chars().flat_map(char::to_lowercase))
    }
}

impl PartialEq<&str> for CiString {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

impl Ord for CiString {
    fn cmp(&self, other: &Self) -> Ordering {
        self.folded().cmp(other.folded())
    }
}

impl PartialOrd for CiString {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Hash for CiString {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for c in self.folded() {
            c.hash(state);
        }
    }
}

impl fmt::Debug for CiString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for CiString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for CiString {
    fn from(s: &str) -> Self {
        CiString(s.to_string())
    }
}

impl From<String> for CiString {
    fn from(s: String) -> Self {
        CiString(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_ignoring_case_but_keeps_case() {
        let a = CiString::from("Karma@Example.com");
        assert_eq!(a, CiString::from("karma@example.COM"));
        assert_eq!(a.as_str(), "Karma@Example.com");
        let (lower, upper) = (CiString::from("a"), CiString::from("B"));
        assert!(lower < upper);
    }
}
