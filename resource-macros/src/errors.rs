//! An accumulator of `syn::Error`s, so that one compile shows every mistake
//! instead of the first one, and the "did you mean" suggestion used by the
//! messages.

use std::fmt::Display;

use proc_macro2::Span;

/// Collects errors; `finish` combines them into one `syn::Error`.
#[derive(Default)]
pub struct Errors {
    combined: Option<syn::Error>,
}

impl Errors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, error: syn::Error) {
        match &mut self.combined {
            Some(combined) => combined.combine(error),
            None => self.combined = Some(error),
        }
    }

    /// Records an error at `span`.
    pub fn error(&mut self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// Keeps the value of `result`, or records its error.
    pub fn handle<T>(&mut self, result: syn::Result<T>) -> Option<T> {
        result.map_err(|error| self.push(error)).ok()
    }

    pub fn extend(&mut self, other: Errors) {
        if let Some(error) = other.combined {
            self.push(error);
        }
    }

    pub fn finish(self) -> syn::Result<()> {
        match self.combined {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }
}

/// The candidate closest to `name`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name = name.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(&name, &candidate.to_lowercase()), candidate))
        // A third of the longer name may differ: `alow_nil` -> `allow_nil`,
        // but `id` does not suggest `ok`.
        .filter(|(distance, candidate)| distance * 3 <= name.len().max(candidate.len()))
        // Among equally close names, one with the same first letter: a typo
        // rarely changes it (`dsc` is `desc` rather than `asc`).
        .min_by_key(|(distance, candidate)| (*distance, !starts_alike(&name, candidate)))
        .map(|(_, candidate)| candidate)
}

fn starts_alike(a: &str, b: &str) -> bool {
    let first = |s: &str| s.chars().next().map(|c| c.to_ascii_lowercase());
    first(a) == first(b)
}

/// Edit distance where swapping two neighbours counts as one edit
/// (optimal string alignment), since `naem` for `name` is a common typo.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // `rows[i][j]`: the distance between the first `i` chars of `a` and the first `j` of `b`.
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = rows[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = substitution.min(rows[i - 1][j] + 1).min(rows[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let options = ["allow_nil", "public", "writable"];
        assert_eq!(did_you_mean("alow_nil", options), Some("allow_nil"));
        assert_eq!(did_you_mean("pubic", options), Some("public"));
        assert_eq!(did_you_mean("frobnicate", options), None);
        assert_eq!(did_you_mean("pubilc", options), Some("public"), "a swap is one edit");
        assert_eq!(did_you_mean("ets", ["Ets", "Sqlite"]), Some("Ets"));
        assert_eq!(did_you_mean("dsc", ["asc", "desc"]), Some("desc"), "a tie goes to the same first letter");
    }

    #[test]
    fn counts_and_combines() {
        assert!(Errors::new().finish().is_ok());
        let mut errors = Errors::new();
        errors.error(Span::call_site(), "one");
        errors.error(Span::call_site(), "two");
        let messages: Vec<String> = errors.finish().unwrap_err().into_iter().map(|e| e.to_string()).collect();
        assert_eq!(messages, ["one", "two"]);
    }
}
