//! How names are spelled between the declaration, the runtime and the
//! generated items.

use syn::Ident;
use syn::ext::IdentExt;

/// An identifier as the runtime names it: `r#type` is `"type"`.
pub fn unraw(ident: &Ident) -> String {
    ident.unraw().to_string()
}

/// `LineItem` -> `line_item`, `HTTPServer` -> `http_server`.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1);
            let boundary = match prev {
                None | Some('_') => false,
                Some(p) if p.is_lowercase() || p.is_ascii_digit() => true,
                Some(p) => p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()),
            };
            if boundary {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `new_customer` -> `NewCustomer`.
pub fn camel_case(name: &str) -> String {
    name.split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_conversions() {
        assert_eq!(snake_case("Product"), "product");
        assert_eq!(snake_case("LineItem"), "line_item");
        assert_eq!(snake_case("HTTPServer"), "http_server");
        assert_eq!(snake_case("Item2Go"), "item2_go");
        assert_eq!(camel_case("new_customer"), "NewCustomer");
        assert_eq!(camel_case("create"), "Create");
    }
}
