//! Facts about written Rust types.

use syn::{GenericArgument, PathArguments, Type};

/// `T` for `Option<T>`, also written `::core::option::Option<T>`,
/// `std::option::Option<T>` or `alloc::option::Option<T>`. Another path
/// ending in `Option` (`my::Option<T>`) is not the standard `Option`: the
/// generated code could not treat it as one.
pub fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = unwrap_groups(ty) else { return None };
    if path.qself.is_some() {
        return None;
    }
    let segments = &path.path.segments;
    let last = segments.last()?;
    let prefix: Vec<String> = segments.iter().take(segments.len() - 1).map(|s| s.ident.to_string()).collect();
    let standard = prefix.is_empty()
        || prefix == ["std", "option"]
        || prefix == ["core", "option"]
        || prefix == ["alloc", "option"];
    if last.ident != "Option" || !standard {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else { return None };
    match args.args.first() {
        Some(GenericArgument::Type(inner)) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// The type values are given in: `T` for an `Option<T>` field, the field's type otherwise.
pub fn value_type(ty: &Type) -> &Type {
    option_inner(ty).unwrap_or(ty)
}

/// Looks through the invisible groups and parentheses `macro_rules!` leave around types.
pub fn unwrap_groups(ty: &Type) -> &Type {
    match ty {
        Type::Group(group) => unwrap_groups(&group.elem),
        Type::Paren(paren) => unwrap_groups(&paren.elem),
        _ => ty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_standard_option_is_an_option() {
        let ty: Type = syn::parse_quote!(Option<String>);
        assert!(option_inner(&ty).is_some());
        let ty: Type = syn::parse_quote!(::core::option::Option<String>);
        assert!(option_inner(&ty).is_some());
        let ty: Type = syn::parse_quote!(my::Option<String>);
        assert!(option_inner(&ty).is_none());
        let ty: Type = syn::parse_quote!(String);
        assert!(option_inner(&ty).is_none());
    }
}
