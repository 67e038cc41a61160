static SQL: ::resource::__private::SqlInfo = ::resource::__private::SqlInfo {
    table: ::core::option::Option::Some("posts"),
    repo: ::core::option::Option::Some(::resource::__private::repo_id::<BlogRepo>),
    unique_index_names: &[
        ::resource::__private::UniqueIndexName {
            keys: &["title"],
            name: "posts_lower_title_index",
            message: ::core::option::Option::Some("is taken"),
        },
    ],
    migrate: false,
    migration_types: &[("type", "TEXT")],
    migration_defaults: &[("title", "'untitled'")],
    migration_ignore_attributes: &["body"],
    base_filter_sql: ::core::option::Option::Some("title <> ''"),
    skip_unique_indexes: &["unique_title"],
    identity_index_names: &[("unique_title", "posts_title_idx")],
    foreign_key_names: &[
        ::resource::__private::ForeignKeyName {
            key: "author_id",
            name: "posts_author_fkey",
            message: ::core::option::Option::Some("no such author"),
        },
        ::resource::__private::ForeignKeyName {
            key: "editor_id",
            name: "posts_editor_fkey",
            message: ::core::option::Option::None,
        },
    ],
    custom_indexes: &[
        ::resource::__private::CustomIndex {
            fields: &[
                ::resource::__private::IndexField::Column("title"),
                ::resource::__private::IndexField::Sql("lower(body)"),
            ],
            name: ::core::option::Option::Some("posts_search_index"),
            unique: true,
            where_sql: ::core::option::Option::Some("title <> ''"),
            message: ::core::option::Option::Some("is taken"),
            include: &["body"],
            using: ::core::option::Option::Some("btree"),
        },
        ::resource::__private::CustomIndex {
            fields: &[::resource::__private::IndexField::Column("type")],
            name: ::core::option::Option::None,
            unique: false,
            where_sql: ::core::option::Option::None,
            message: ::core::option::Option::None,
            include: &[],
            using: ::core::option::Option::None,
        },
    ],
    custom_statements: &[
        ::resource::__private::CustomStatement {
            name: "fts",
            up: "CREATE VIRTUAL TABLE posts_fts USING fts5(title)",
            down: "DROP TABLE posts_fts",
        },
    ],
    references: &[
        ::resource::__private::Reference {
            relationship: "author",
            on_delete: ::core::option::Option::Some(
                ::resource::__private::ReferenceAction::Cascade,
            ),
            on_update: ::core::option::Option::Some(
                ::resource::__private::ReferenceAction::Cascade,
            ),
            deferrable: ::resource::__private::Deferrable::Initially,
            name: ::core::option::Option::None,
            ignore: false,
            index: true,
        },
        ::resource::__private::Reference {
            relationship: "editor",
            on_delete: ::core::option::Option::Some(
                ::resource::__private::ReferenceAction::Nilify,
            ),
            on_update: ::core::option::Option::None,
            deferrable: ::resource::__private::Deferrable::No,
            name: ::core::option::Option::Some("posts_editor_fkey"),
            ignore: true,
            index: false,
        },
    ],
    polymorphic_on_delete: ::core::option::Option::Some(
        ::resource::__private::ReferenceAction::Nilify,
    ),
    ..::resource::__private::SqlInfo::DEFAULT
};
