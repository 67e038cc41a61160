//! The `sql` field of `ResourceInfo`: the `sqlite` section as a `SqlInfo`.
//! Only the options the user wrote are spelled out, the rest come from
//! `SqlInfo::DEFAULT`, so that the table reads like the declaration.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned as _;

use super::{some, str_slice, unraw};
use crate::model::{
    CustomIndex, CustomStatement, Deferrable, IndexField, KeyName, KeyValue, Reference, ReferenceAction, Sqlite,
};

/// How many fields `SqlInfo` has: when every one is written, `..DEFAULT`
/// would be a needless update.
const SQL_INFO_FIELDS: usize = 17;

/// `SqlInfo { table: .., ..SqlInfo::DEFAULT }`, or `SqlInfo::DEFAULT` without a section.
pub(crate) fn sql_info(sqlite: Option<&Sqlite>) -> TokenStream {
    let Some(sqlite) = sqlite else { return quote!(::resource::__private::SqlInfo::DEFAULT) };
    let mut fields = Vec::new();
    let mut field = |name: &str, value: TokenStream| {
        let name = syn::Ident::new(name, proc_macro2::Span::call_site());
        fields.push(quote!(#name: #value));
    };
    if let Some(table) = &sqlite.table {
        field("table", some(Some(table)));
    }
    if let Some(repo) = &sqlite.repo {
        field("repo", some(Some(quote_spanned!(repo.span()=> ::resource::__private::repo_id::<#repo>))));
    }
    if !sqlite.unique_index_names.is_empty() {
        let indexes = sqlite.unique_index_names.iter().map(|index| {
            let keys = str_slice(&index.keys);
            let (name, message) = (&index.name, some(index.message.as_ref()));
            quote!(::resource::__private::UniqueIndexName { keys: #keys, name: #name, message: #message })
        });
        field("unique_index_names", quote!(&[#(#indexes),*]));
    }
    if let Some(flag) = sqlite.polymorphic {
        let value = flag.value;
        field("polymorphic", quote!(#value));
    }
    if let Some(flag) = sqlite.migrate {
        let value = flag.value;
        field("migrate", quote!(#value));
    }
    if !sqlite.migration_types.is_empty() {
        field("migration_types", pairs(&sqlite.migration_types));
    }
    if !sqlite.migration_defaults.is_empty() {
        field("migration_defaults", pairs(&sqlite.migration_defaults));
    }
    if !sqlite.migration_ignore_attributes.is_empty() {
        field("migration_ignore_attributes", str_slice(&sqlite.migration_ignore_attributes));
    }
    if let Some(sql) = &sqlite.base_filter_sql {
        field("base_filter_sql", some(Some(sql)));
    }
    if !sqlite.skip_unique_indexes.is_empty() {
        field("skip_unique_indexes", str_slice(&sqlite.skip_unique_indexes));
    }
    if !sqlite.identity_index_names.is_empty() {
        field("identity_index_names", pairs(&sqlite.identity_index_names));
    }
    if !sqlite.foreign_key_names.is_empty() {
        let names = sqlite.foreign_key_names.iter().map(foreign_key_name);
        field("foreign_key_names", quote!(&[#(#names),*]));
    }
    if !sqlite.custom_indexes.is_empty() {
        let indexes = sqlite.custom_indexes.iter().map(custom_index);
        field("custom_indexes", quote!(&[#(#indexes),*]));
    }
    if !sqlite.custom_statements.is_empty() {
        let statements = sqlite.custom_statements.iter().map(custom_statement);
        field("custom_statements", quote!(&[#(#statements),*]));
    }
    let references = &sqlite.references;
    if !references.references.is_empty() {
        let each = references.references.iter().map(reference);
        field("references", quote!(&[#(#each),*]));
    }
    if let Some(action) = references.polymorphic_on_delete {
        field("polymorphic_on_delete", some(Some(reference_action(action.value))));
    }
    if let Some(action) = references.polymorphic_on_update {
        field("polymorphic_on_update", some(Some(reference_action(action.value))));
    }
    let rest = (fields.len() < SQL_INFO_FIELDS).then(|| quote!(..::resource::__private::SqlInfo::DEFAULT));
    quote!(::resource::__private::SqlInfo { #(#fields,)* #rest })
}

/// `&[("price", "NUMERIC")]`.
fn pairs(entries: &[KeyValue]) -> TokenStream {
    let entries = entries.iter().map(|entry| {
        let (key, value) = (unraw(&entry.key), &entry.value);
        quote!((#key, #value))
    });
    quote!(&[#(#entries),*])
}

fn foreign_key_name(name: &KeyName) -> TokenStream {
    let (key, constraint, message) = (unraw(&name.key), &name.name, some(name.message.as_ref()));
    quote!(::resource::__private::ForeignKeyName { key: #key, name: #constraint, message: #message })
}

fn index_fields(fields: &[IndexField]) -> impl Iterator<Item = TokenStream> {
    fields.iter().map(|field| match field {
        IndexField::Attribute(ident) => {
            let name = unraw(ident);
            quote!(::resource::__private::IndexField::Column(#name))
        }
        IndexField::Sql(sql) => quote!(::resource::__private::IndexField::Sql(#sql)),
    })
}

fn custom_index(index: &CustomIndex) -> TokenStream {
    let fields = index_fields(&index.fields);
    let name = some(index.name.as_ref());
    let unique = index.unique.is_some_and(|flag| flag.value);
    let where_sql = some(index.where_sql.as_ref());
    let message = some(index.message.as_ref());
    // `include` is a list of column names: an attribute's, or one written as a string.
    let include = index.include.iter().map(|field| match field {
        IndexField::Attribute(ident) => {
            let name = unraw(ident);
            quote!(#name)
        }
        IndexField::Sql(sql) => quote!(#sql),
    });
    let using = some(index.using.as_ref());
    quote! {
        ::resource::__private::CustomIndex {
            fields: &[#(#fields),*],
            name: #name,
            unique: #unique,
            where_sql: #where_sql,
            message: #message,
            include: &[#(#include),*],
            using: #using,
        }
    }
}

fn custom_statement(statement: &CustomStatement) -> TokenStream {
    let name = unraw(&statement.ident);
    // The validator requires both; an empty string is never reached.
    let text = |sql: &Option<syn::LitStr>| sql.as_ref().map_or_else(|| quote!(""), |sql| quote!(#sql));
    let (up, down) = (text(&statement.up), text(&statement.down));
    quote!(::resource::__private::CustomStatement { name: #name, up: #up, down: #down })
}

fn reference(reference: &Reference) -> TokenStream {
    let relationship = unraw(&reference.relationship);
    let on_delete = some(reference.on_delete.map(|action| reference_action(action.value)));
    let on_update = some(reference.on_update.map(|action| reference_action(action.value)));
    let deferrable = match reference.deferrable.map_or(Deferrable::No, |deferrable| deferrable.value) {
        Deferrable::No => quote!(No),
        Deferrable::Yes => quote!(Yes),
        Deferrable::Initially => quote!(Initially),
    };
    let name = some(reference.name.as_ref());
    let ignore = reference.ignore.is_some_and(|flag| flag.value);
    let index = reference.index.is_some_and(|flag| flag.value);
    quote! {
        ::resource::__private::Reference {
            relationship: #relationship,
            on_delete: #on_delete,
            on_update: #on_update,
            deferrable: ::resource::__private::Deferrable::#deferrable,
            name: #name,
            ignore: #ignore,
            index: #index,
        }
    }
}

fn reference_action(action: ReferenceAction) -> TokenStream {
    let variant = match action {
        ReferenceAction::Cascade => quote!(Cascade),
        ReferenceAction::Nilify => quote!(Nilify),
        ReferenceAction::Nothing => quote!(Nothing),
        ReferenceAction::Restrict => quote!(Restrict),
    };
    quote!(::resource::__private::ReferenceAction::#variant)
}
