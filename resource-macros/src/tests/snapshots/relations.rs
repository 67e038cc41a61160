#[derive(
    ::core::fmt::Debug,
    ::core::clone::Clone,
    ::core::cmp::PartialEq,
    ::resource::__private::serde::Serialize,
    ::resource::__private::serde::Deserialize,
)]
#[serde(crate = "::resource::__private::serde")]
pub struct Ticket {
    #[serde(with = "::resource::__private::attribute_serde")]
    pub id: ::resource::__private::uuid::Uuid,
    #[serde(with = "::resource::__private::attribute_serde")]
    pub subject: String,
    #[serde(with = "::resource::__private::attribute_serde")]
    pub priority: i64,
    /// The key of the `representative` relationship.
    #[serde(with = "::resource::__private::attribute_serde")]
    #[serde(default)]
    pub representative_id: ::core::option::Option<::resource::__private::uuid::Uuid>,
    /// The subject, shouted.
    #[serde(
        default,
        skip_serializing_if = "::resource::__private::Loaded::is_not_loaded"
    )]
    pub shout: ::resource::__private::Loaded<String>,
    /// The `rep_name` calculation (loaded on demand).
    #[serde(
        default,
        skip_serializing_if = "::resource::__private::Loaded::is_not_loaded"
    )]
    pub rep_name: ::resource::__private::Loaded<Option<String>>,
    /// The `comment_count` aggregate (loaded on demand).
    #[serde(
        default,
        skip_serializing_if = "::resource::__private::Loaded::is_not_loaded"
    )]
    pub comment_count: ::resource::__private::Loaded<i64>,
    /// The `total_likes` aggregate (loaded on demand).
    #[serde(
        default,
        skip_serializing_if = "::resource::__private::Loaded::is_not_loaded"
    )]
    pub total_likes: ::resource::__private::Loaded<
        <<Comment as ::resource::__private::IsResource>::Itself as ::resource::__private::FieldType<
            { ::resource::__private::field_key("likes") },
        >>::Type,
    >,
    /// The `tag_name` aggregate (loaded on demand).
    #[serde(
        default,
        skip_serializing_if = "::resource::__private::Loaded::is_not_loaded"
    )]
    pub tag_name: ::resource::__private::Loaded<
        ::core::option::Option<
            <<Tag as ::resource::__private::IsResource>::Itself as ::resource::__private::FieldType<
                { ::resource::__private::field_key("name") },
            >>::Type,
        >,
    >,
    /// The `representative` relationship (loaded on demand).
    #[serde(
        default,
        skip_serializing_if = "::resource::__private::Loaded::is_not_loaded"
    )]
    #[serde(deserialize_with = "Ticket::__deserialize_representative")]
    pub representative: ::resource::__private::Loaded<
        ::resource::__private::Related<::core::option::Option<Representative>>,
    >,
    /// The `comments` relationship (loaded on demand).
    #[serde(
        default,
        skip_serializing_if = "::resource::__private::Loaded::is_not_loaded"
    )]
    #[serde(deserialize_with = "Ticket::__deserialize_comments")]
    pub comments: ::resource::__private::Loaded<
        ::resource::__private::Related<::std::vec::Vec<Comment>>,
    >,
    /// The `tags` relationship (loaded on demand).
    #[serde(
        default,
        skip_serializing_if = "::resource::__private::Loaded::is_not_loaded"
    )]
    #[serde(deserialize_with = "Ticket::__deserialize_tags")]
    pub tags: ::resource::__private::Loaded<
        ::resource::__private::Related<::std::vec::Vec<Tag>>,
    >,
}
impl Ticket {
    /** The loaded `representative` record (`None` when there is none).

 # Errors

 `Error::NotLoaded` unless the read loaded it (`.load(ticket::representative)`).*/
    pub fn representative(
        &self,
    ) -> ::resource::__private::Result<::core::option::Option<&Representative>> {
        ::resource::__private::related_one(
            &self.representative,
            "Ticket",
            "ticket",
            "representative",
        )
    }
    /** The loaded `comments` records.

 # Errors

 `Error::NotLoaded` unless the read loaded them (`.load(ticket::comments)`).*/
    pub fn comments(&self) -> ::resource::__private::Result<&[Comment]> {
        ::resource::__private::related_many(
            &self.comments,
            "Ticket",
            "ticket",
            "comments",
        )
    }
    /** The loaded `tags` records.

 # Errors

 `Error::NotLoaded` unless the read loaded them (`.load(ticket::tags)`).*/
    pub fn tags(&self) -> ::resource::__private::Result<&[Tag]> {
        ::resource::__private::related_many(&self.tags, "Ticket", "ticket", "tags")
    }
}
#[automatically_derived]
impl ::resource::__private::IsResource for Ticket {
    type Itself = Self;
}
#[automatically_derived]
impl ::resource::__private::Resource for Ticket {
    #[allow(clippy::too_many_lines)]
    fn info() -> &'static ::resource::__private::ResourceInfo {
        static __INFO: ::resource::__private::ResourceInfo = ::resource::__private::ResourceInfo {
            name: "Ticket",
            short_name: "ticket",
            description: ::core::option::Option::None,
            data_layer: ::resource::__private::DataLayerKind::Ets,
            attributes: &[
                ::resource::__private::AttributeInfo {
                    name: "id",
                    ty: <::resource::__private::uuid::Uuid as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: false,
                    primary_key: true,
                    public: true,
                    writable: false,
                    sensitive: false,
                    generated: false,
                    description: ::core::option::Option::None,
                    default: ::core::option::Option::Some(|| {
                        let __value: ::resource::__private::uuid::Uuid = ::core::convert::Into::into(
                            ::resource::__private::uuid::Uuid::new_v4(),
                        );
                        ::resource::__private::AttributeValue::into_value(__value)
                    }),
                    update_default: ::core::option::Option::None,
                    match_other_defaults: false,
                    constraints: ::resource::__private::Constraints::DEFAULT,
                },
                ::resource::__private::AttributeInfo {
                    name: "subject",
                    ty: <String as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: false,
                    primary_key: false,
                    public: true,
                    writable: true,
                    sensitive: false,
                    generated: false,
                    description: ::core::option::Option::None,
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    match_other_defaults: false,
                    constraints: ::resource::__private::Constraints::DEFAULT,
                },
                ::resource::__private::AttributeInfo {
                    name: "priority",
                    ty: <i64 as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: false,
                    primary_key: false,
                    public: false,
                    writable: true,
                    sensitive: false,
                    generated: false,
                    description: ::core::option::Option::None,
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    match_other_defaults: false,
                    constraints: ::resource::__private::Constraints::DEFAULT,
                },
                ::resource::__private::AttributeInfo {
                    name: "representative_id",
                    ty: <::core::option::Option<
                        ::resource::__private::uuid::Uuid,
                    > as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: true,
                    primary_key: false,
                    public: false,
                    writable: true,
                    sensitive: false,
                    generated: false,
                    description: ::core::option::Option::Some(
                        "The key of the `representative` relationship.",
                    ),
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    match_other_defaults: false,
                    constraints: ::resource::__private::Constraints::DEFAULT,
                },
            ],
            identities: &[],
            actions: &[
                ::resource::__private::ActionInfo {
                    name: "create",
                    kind: ::resource::__private::ActionKind::Create,
                    primary: true,
                    accept: &["subject", "representative_id"],
                    require_attributes: &[],
                    arguments: &[],
                    changes: &[],
                    validations: &[],
                    upsert: false,
                    upsert_identity: ::core::option::Option::None,
                    upsert_fields: ::resource::__private::UpsertFields::Changing,
                    touch_update_defaults: true,
                    upsert_condition: ::core::option::Option::None,
                    filter: ::core::option::Option::None,
                    get: false,
                    get_by: &[],
                    pagination: ::core::option::Option::None,
                },
                ::resource::__private::ActionInfo {
                    name: "read",
                    kind: ::resource::__private::ActionKind::Read,
                    primary: true,
                    accept: &[],
                    require_attributes: &[],
                    arguments: &[],
                    changes: &[],
                    validations: &[],
                    upsert: false,
                    upsert_identity: ::core::option::Option::None,
                    upsert_fields: ::resource::__private::UpsertFields::Changing,
                    touch_update_defaults: true,
                    upsert_condition: ::core::option::Option::None,
                    filter: ::core::option::Option::None,
                    get: false,
                    get_by: &[],
                    pagination: ::core::option::Option::None,
                },
            ],
            validations: &[],
            calculations: &[
                ::resource::__private::CalculationInfo {
                    name: "shout",
                    ty: <String as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: false,
                    expr: || {
                        {
                            ::resource::__private::expr_check!(
                                __Checkeb144e73,
                                "`shout` is declared `{Self}`, but its expression gives a string",
                                "the expression's type differs from the declared one",
                                compare Text
                            );
                            <String as __Checkeb144e73>::is();
                        }
                        ::resource::__private::Expr::binary(
                            ::resource::__private::BinaryOp::Concat,
                            {
                                {
                                    ::resource::__private::expr_check!(
                                        __Checkeebcf269,
                                        "`subject` has type `{Self}`; `upper` takes a string",
                                        "not a string", textual
                                    );
                                    <_ as __Checkeebcf269>::check(
                                        &<Ticket as ::resource::__private::ResourceFields>::fields()
                                            .subject,
                                    );
                                }
                                ::resource::__private::Expr::call(
                                    ::resource::__private::Function::Upper,
                                    ::std::vec::Vec::from([
                                        ::resource::__private::Expr::field("subject"),
                                    ]),
                                )
                            },
                            ::resource::__private::Expr::value("!"),
                        )
                    },
                    public: false,
                    description: ::core::option::Option::Some("The subject, shouted."),
                },
                ::resource::__private::CalculationInfo {
                    name: "rep_name",
                    ty: <Option<String> as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: true,
                    expr: || {
                        {
                            ::resource::__private::expr_check!(
                                __Check6b41e8b2,
                                "`rep_name` is declared `{Self}`, but its expression gives `representative.name`, of type `{__A}`",
                                "the expression's type differs from the declared one",
                                binary
                            );
                            <Option<
                                String,
                            > as __Check6b41e8b2<
                                _,
                            >>::is(
                                &<Ticket as ::resource::__private::ResourceFields>::fields()
                                    .representative
                                    .fields()
                                    .name,
                            );
                        }
                        ::resource::__private::PathStart::path(
                            &<Ticket as ::resource::__private::ResourceFields>::fields()
                                .representative,
                            &["representative"],
                            <Ticket as ::resource::__private::ResourceFields>::fields()
                                .representative
                                .fields()
                                .name
                                .name,
                        )
                    },
                    public: false,
                    description: ::core::option::Option::None,
                },
            ],
            relationships: &[
                ::resource::__private::RelationshipInfo {
                    name: "representative",
                    kind: ::resource::__private::RelationshipKind::BelongsTo,
                    destination: || (Ticket::__destination_representative().info)(),
                    source_attribute: "representative_id",
                    destination_attribute: "id",
                    through: ::core::option::Option::None,
                    context_table: ::core::option::Option::None,
                    allow_nil: true,
                    public: false,
                    description: ::core::option::Option::None,
                },
                ::resource::__private::RelationshipInfo {
                    name: "comments",
                    kind: ::resource::__private::RelationshipKind::HasMany,
                    destination: || (Ticket::__destination_comments().info)(),
                    source_attribute: "id",
                    destination_attribute: "ticket_id",
                    through: ::core::option::Option::None,
                    context_table: ::core::option::Option::None,
                    allow_nil: true,
                    public: false,
                    description: ::core::option::Option::None,
                },
                ::resource::__private::RelationshipInfo {
                    name: "tags",
                    kind: ::resource::__private::RelationshipKind::ManyToMany,
                    destination: || (Ticket::__destination_tags().info)(),
                    source_attribute: "id",
                    destination_attribute: "id",
                    through: ::core::option::Option::Some(::resource::__private::JoinInfo {
                        resource: || (Ticket::__through_tags().info)(),
                        source_attribute: "ticket_id",
                        destination_attribute: "tag_id",
                    }),
                    context_table: ::core::option::Option::None,
                    allow_nil: true,
                    public: false,
                    description: ::core::option::Option::None,
                },
            ],
            aggregates: &[
                ::resource::__private::AggregateInfo {
                    name: "comment_count",
                    kind: ::resource::__private::AggregateKind::Count,
                    path: &["comments"],
                    field: ::core::option::Option::None,
                    filter: ::core::option::Option::Some(|| ::resource::__private::Expr::IsNil(
                        ::std::boxed::Box::new(
                            ::resource::__private::Expr::from(
                                <<Comment as ::resource::__private::IsResource>::Itself as ::resource::__private::ResourceFields>::fields()
                                    .hidden_at,
                            ),
                        ),
                    )),
                    sort: &[],
                    default: ::core::option::Option::None,
                    uniq: false,
                    include_nil: false,
                    public: false,
                    description: ::core::option::Option::None,
                },
                ::resource::__private::AggregateInfo {
                    name: "total_likes",
                    kind: ::resource::__private::AggregateKind::Sum,
                    path: &["comments"],
                    field: ::core::option::Option::Some("likes"),
                    filter: ::core::option::Option::None,
                    sort: &[],
                    default: ::core::option::Option::Some(|| {
                        let __value: <<Comment as ::resource::__private::IsResource>::Itself as ::resource::__private::FieldType<
                            { ::resource::__private::field_key("likes") },
                        >>::Type = ::core::convert::Into::into(0);
                        ::resource::__private::AttributeValue::into_value(__value)
                    }),
                    uniq: false,
                    include_nil: false,
                    public: false,
                    description: ::core::option::Option::None,
                },
                ::resource::__private::AggregateInfo {
                    name: "tag_name",
                    kind: ::resource::__private::AggregateKind::First,
                    path: &["tags"],
                    field: ::core::option::Option::Some("name"),
                    filter: ::core::option::Option::None,
                    sort: &[("name", ::resource::__private::SortOrder::Desc)],
                    default: ::core::option::Option::None,
                    uniq: false,
                    include_nil: false,
                    public: false,
                    description: ::core::option::Option::None,
                },
            ],
            sql: ::resource::__private::SqlInfo {
                polymorphic: true,
                ..::resource::__private::SqlInfo::DEFAULT
            },
        };
        &__INFO
    }
    fn to_row(&self) -> ::resource::__private::Row {
        ::std::vec::Vec::from([
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.id),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.subject),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.priority),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.representative_id),
            ),
        ])
    }
    fn from_row(row: ::resource::__private::Row) -> ::resource::__private::Result<Self> {
        let [__id, __subject, __priority, __representative_id,
        ]: [::resource::__private::Value; 4] = ::core::convert::TryFrom::try_from(row)
            .map_err(|__row: ::resource::__private::Row| {
                ::resource::__private::Error::DataLayer(
                    ::std::format!(
                        "Ticket: a row has {} values, expected 4", __row.len()
                    ),
                )
            })?;
        ::core::result::Result::Ok(Ticket {
            id: ::resource::__private::field_from_value("Ticket", "id", __id)?,
            subject: ::resource::__private::field_from_value(
                "Ticket",
                "subject",
                __subject,
            )?,
            priority: ::resource::__private::field_from_value(
                "Ticket",
                "priority",
                __priority,
            )?,
            representative_id: ::resource::__private::field_from_value(
                "Ticket",
                "representative_id",
                __representative_id,
            )?,
            shout: ::resource::__private::Loaded::NotLoaded,
            rep_name: ::resource::__private::Loaded::NotLoaded,
            comment_count: ::resource::__private::Loaded::NotLoaded,
            total_likes: ::resource::__private::Loaded::NotLoaded,
            tag_name: ::resource::__private::Loaded::NotLoaded,
            representative: ::resource::__private::Loaded::NotLoaded,
            comments: ::resource::__private::Loaded::NotLoaded,
            tags: ::resource::__private::Loaded::NotLoaded,
        })
    }
    fn from_values(
        values: &mut dyn ::resource::__private::RowValues,
    ) -> ::resource::__private::Result<Self> {
        use ::resource::__private::{TakeTyped as _, TakeValue as _};
        let __id = (&::resource::__private::Take::<
            ::resource::__private::uuid::Uuid,
        >::new())
            .take(values)?;
        let __subject = (&::resource::__private::Take::<String>::new()).take(values)?;
        let __priority = (&::resource::__private::Take::<i64>::new()).take(values)?;
        let __representative_id = (&::resource::__private::Take::<
            ::core::option::Option<::resource::__private::uuid::Uuid>,
        >::new())
            .take(values)?;
        ::core::result::Result::Ok(Ticket {
            id: match __id {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value("Ticket", "id", __value)?
                }
            },
            subject: match __subject {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value(
                        "Ticket",
                        "subject",
                        __value,
                    )?
                }
            },
            priority: match __priority {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value(
                        "Ticket",
                        "priority",
                        __value,
                    )?
                }
            },
            representative_id: match __representative_id {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value(
                        "Ticket",
                        "representative_id",
                        __value,
                    )?
                }
            },
            shout: ::resource::__private::Loaded::NotLoaded,
            rep_name: ::resource::__private::Loaded::NotLoaded,
            comment_count: ::resource::__private::Loaded::NotLoaded,
            total_likes: ::resource::__private::Loaded::NotLoaded,
            tag_name: ::resource::__private::Loaded::NotLoaded,
            representative: ::resource::__private::Loaded::NotLoaded,
            comments: ::resource::__private::Loaded::NotLoaded,
            tags: ::resource::__private::Loaded::NotLoaded,
        })
    }
    fn from_record(
        record: ::resource::__private::Record,
    ) -> ::resource::__private::Result<Self> {
        let ::resource::__private::Record { row, loaded } = record;
        let mut __record = <Self as ::resource::__private::Resource>::from_row(row)?;
        for (__name, __value) in loaded {
            match __name {
                "shout" => {
                    __record.shout = ::resource::__private::loaded_value(
                        "Ticket",
                        "shout",
                        __value,
                    )?;
                }
                "rep_name" => {
                    __record.rep_name = ::resource::__private::loaded_value(
                        "Ticket",
                        "rep_name",
                        __value,
                    )?;
                }
                "comment_count" => {
                    __record.comment_count = ::resource::__private::loaded_value(
                        "Ticket",
                        "comment_count",
                        __value,
                    )?;
                }
                "total_likes" => {
                    __record.total_likes = ::resource::__private::loaded_value(
                        "Ticket",
                        "total_likes",
                        __value,
                    )?;
                }
                "tag_name" => {
                    __record.tag_name = ::resource::__private::loaded_value(
                        "Ticket",
                        "tag_name",
                        __value,
                    )?;
                }
                "representative" => {
                    __record.representative = (Self::__destination_representative()
                        .one)("Ticket", "representative", __value)?;
                }
                "comments" => {
                    __record.comments = (Self::__destination_comments()
                        .many)("Ticket", "comments", __value)?;
                }
                "tags" => {
                    __record.tags = (Self::__destination_tags()
                        .many)("Ticket", "tags", __value)?;
                }
                _ => {}
            }
        }
        ::core::result::Result::Ok(__record)
    }
}
impl Ticket {
    /// Starts the `create` action: set its input on the [`TicketCreate`], then `run` it.
    pub fn create() -> TicketCreate {
        TicketCreate(::resource::__private::ActionInput::create("create"))
    }
    /// A query through the `read` action: add filters and sorts, then `run` it.
    pub fn read() -> ::resource::__private::Query<Ticket> {
        ::resource::__private::Query::new("read")
    }
    /// The record with this primary key (`id`).
    ///
    /// # Errors
    ///
    /// `Error::NotFound` if there is none.
    pub fn get(
        domain: &::resource::__private::Domain,
        id: impl ::core::convert::Into<::resource::__private::uuid::Uuid>,
    ) -> ::resource::__private::Result<Ticket> {
        ::resource::__private::Domain::get(
            domain,
            ::std::vec::Vec::from([
                ::resource::__private::AttributeValue::into_value(
                    ::core::convert::Into::<::resource::__private::uuid::Uuid>::into(id),
                ),
            ]),
        )
    }
}
/// Builder of the `create` action of [`Ticket`]: accepts `subject`, `representative_id`.
#[must_use = "a builder does nothing until it is `run`"]
#[derive(::core::clone::Clone)]
pub struct TicketCreate(::resource::__private::ActionInput<Ticket>);
#[automatically_derived]
impl ::core::fmt::Debug for TicketCreate {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter.debug_struct("TicketCreate").finish_non_exhaustive()
    }
}
impl TicketCreate {
    /// Sets `subject`.
    pub fn subject(mut self, value: impl ::core::convert::Into<String>) -> Self {
        let __value: String = ::core::convert::Into::into(value);
        self.0
            .set("subject", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets `representative_id`.
    pub fn representative_id(
        self,
        value: impl ::core::convert::Into<::resource::__private::uuid::Uuid>,
    ) -> Self {
        self.representative_id_opt(
            ::core::option::Option::Some(::core::convert::Into::into(value)),
        )
    }
    /// Sets `representative_id`.
    ///
    /// `None` sets it to nil.
    pub fn representative_id_opt(
        mut self,
        value: ::core::option::Option<::resource::__private::uuid::Uuid>,
    ) -> Self {
        self.0
            .set(
                "representative_id",
                ::resource::__private::AttributeValue::into_value(value),
            );
        self
    }
    /// Writes to `table`, one of the polymorphic resource's tables
    /// (AshSqlite's `%{data_layer: %{table: ..}}` context).
    pub fn table(
        mut self,
        table: impl ::core::convert::Into<::std::string::String>,
    ) -> Self {
        self.0.set_table(::core::convert::Into::into(table));
        self
    }
    /// Builds the changeset without running it: casts the input, applies
    /// defaults and changes, runs validations. Errors stay on the changeset.
    pub fn changeset(
        self,
        domain: &::resource::__private::Domain,
    ) -> ::resource::__private::Changeset<Ticket> {
        self.0.changeset(domain)
    }
    /// Runs the action and returns the stored record.
    ///
    /// # Errors
    ///
    /// `Error::Invalid` with every field error when the input is invalid.
    pub fn run(
        self,
        domain: &::resource::__private::Domain,
    ) -> ::resource::__private::Result<Ticket> {
        self.0.run(domain)
    }
}
/// Field handles of [`Ticket`] for filters and sorts: `ticket::<attribute>.eq(..)`, `ticket::<attribute>.asc()`.
#[allow(non_upper_case_globals, unused_qualifications)]
pub mod ticket {
    #[allow(unused_imports, clippy::wildcard_imports)]
    use super::*;
    /// The `id` attribute.
    pub const id: ::resource::__private::Field<
        super::Ticket,
        ::resource::__private::uuid::Uuid,
    > = ::resource::__private::Field::new("id");
    /// The `subject` attribute.
    pub const subject: ::resource::__private::Field<super::Ticket, String> = ::resource::__private::Field::new(
        "subject",
    );
    /// The `priority` attribute.
    pub const priority: ::resource::__private::Field<super::Ticket, i64> = ::resource::__private::Field::new(
        "priority",
    );
    /// The `representative_id` attribute.
    pub const representative_id: ::resource::__private::Field<
        super::Ticket,
        ::resource::__private::uuid::Uuid,
    > = ::resource::__private::Field::new("representative_id");
    /// The `shout` calculation.
    pub const shout: ::resource::__private::Field<
        Ticket,
        String,
        ::resource::__private::role::Computed,
    > = ::resource::__private::Field::new("shout");
    /// The `rep_name` calculation.
    pub const rep_name: ::resource::__private::Field<
        Ticket,
        String,
        ::resource::__private::role::Computed,
    > = ::resource::__private::Field::new("rep_name");
    /// The `comment_count` aggregate.
    pub const comment_count: ::resource::__private::Field<
        Ticket,
        i64,
        ::resource::__private::role::Computed,
    > = ::resource::__private::Field::new("comment_count");
    /// The `total_likes` aggregate.
    pub const total_likes: ::resource::__private::Field<
        Ticket,
        <<Comment as ::resource::__private::IsResource>::Itself as ::resource::__private::FieldType<
            { ::resource::__private::field_key("likes") },
        >>::Type,
        ::resource::__private::role::Computed,
    > = ::resource::__private::Field::new("total_likes");
    /// The `tag_name` aggregate.
    pub const tag_name: ::resource::__private::Field<
        Ticket,
        <<Tag as ::resource::__private::IsResource>::Itself as ::resource::__private::FieldType<
            { ::resource::__private::field_key("name") },
        >>::Type,
        ::resource::__private::role::Computed,
    > = ::resource::__private::Field::new("tag_name");
    /// The `representative` relationship.
    pub const representative: ::resource::__private::Relation<Ticket, Representative> = ::resource::__private::Relation::new(
        "representative",
    );
    /// The `comments` relationship.
    pub const comments: ::resource::__private::Relation<Ticket, Comment> = ::resource::__private::Relation::new(
        "comments",
    );
    /// The `tags` relationship.
    pub const tags: ::resource::__private::Relation<Ticket, Tag> = ::resource::__private::Relation::new(
        "tags",
    );
}
/// The field handles of [`Ticket`], one per attribute: what the closures of
/// `Ticket::read().filter(expr!(..))` and `.filter(|f| f.<attribute>.eq(..))` receive.
#[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy)]
pub struct TicketFields {
    /// The `id` attribute.
    pub id: ::resource::__private::Field<Ticket, ::resource::__private::uuid::Uuid>,
    /// The `subject` attribute.
    pub subject: ::resource::__private::Field<Ticket, String>,
    /// The `priority` attribute.
    pub priority: ::resource::__private::Field<Ticket, i64>,
    /// The `representative_id` attribute.
    pub representative_id: ::resource::__private::Field<
        Ticket,
        ::resource::__private::uuid::Uuid,
    >,
    /// The `shout` calculation.
    pub shout: ::resource::__private::Field<
        Ticket,
        String,
        ::resource::__private::role::Computed,
    >,
    /// The `rep_name` calculation.
    pub rep_name: ::resource::__private::Field<
        Ticket,
        String,
        ::resource::__private::role::Computed,
    >,
    /// The `comment_count` aggregate.
    pub comment_count: ::resource::__private::Field<
        Ticket,
        i64,
        ::resource::__private::role::Computed,
    >,
    /// The `total_likes` aggregate.
    pub total_likes: ::resource::__private::Field<
        Ticket,
        <<Comment as ::resource::__private::IsResource>::Itself as ::resource::__private::FieldType<
            { ::resource::__private::field_key("likes") },
        >>::Type,
        ::resource::__private::role::Computed,
    >,
    /// The `tag_name` aggregate.
    pub tag_name: ::resource::__private::Field<
        Ticket,
        <<Tag as ::resource::__private::IsResource>::Itself as ::resource::__private::FieldType<
            { ::resource::__private::field_key("name") },
        >>::Type,
        ::resource::__private::role::Computed,
    >,
    /// The `representative` relationship.
    pub representative: ::resource::__private::Relation<Ticket, Representative>,
    /// The `comments` relationship.
    pub comments: ::resource::__private::Relation<Ticket, Comment>,
    /// The `tags` relationship.
    pub tags: ::resource::__private::Relation<Ticket, Tag>,
}
#[automatically_derived]
impl ::resource::__private::ResourceFields for Ticket {
    type Fields = TicketFields;
    fn fields() -> &'static TicketFields {
        static __FIELDS: TicketFields = TicketFields {
            id: ::resource::__private::Field::new("id"),
            subject: ::resource::__private::Field::new("subject"),
            priority: ::resource::__private::Field::new("priority"),
            representative_id: ::resource::__private::Field::new("representative_id"),
            shout: ::resource::__private::Field::new("shout"),
            rep_name: ::resource::__private::Field::new("rep_name"),
            comment_count: ::resource::__private::Field::new("comment_count"),
            total_likes: ::resource::__private::Field::new("total_likes"),
            tag_name: ::resource::__private::Field::new("tag_name"),
            representative: ::resource::__private::Relation::new("representative"),
            comments: ::resource::__private::Relation::new("comments"),
            tags: ::resource::__private::Relation::new("tags"),
        };
        &__FIELDS
    }
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("id") }>
for Ticket {
    type Type = ::resource::__private::uuid::Uuid;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("subject") }>
for Ticket {
    type Type = String;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("priority") }>
for Ticket {
    type Type = i64;
}
#[automatically_derived]
impl ::resource::__private::FieldType<
    { ::resource::__private::field_key("representative_id") },
> for Ticket {
    type Type = ::resource::__private::uuid::Uuid;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("shout") }>
for Ticket {
    type Type = String;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("rep_name") }>
for Ticket {
    type Type = String;
}
#[automatically_derived]
impl ::resource::__private::FieldType<
    { ::resource::__private::field_key("comment_count") },
> for Ticket {
    type Type = i64;
}
#[automatically_derived]
impl ::resource::__private::FieldType<
    { ::resource::__private::field_key("total_likes") },
> for Ticket {
    type Type = <<Comment as ::resource::__private::IsResource>::Itself as ::resource::__private::FieldType<
        { ::resource::__private::field_key("likes") },
    >>::Type;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("tag_name") }>
for Ticket {
    type Type = <<Tag as ::resource::__private::IsResource>::Itself as ::resource::__private::FieldType<
        { ::resource::__private::field_key("name") },
    >>::Type;
}
#[automatically_derived]
impl ::resource::__private::RelatedTo<
    { ::resource::__private::field_key("representative") },
> for Ticket {
    type Destination = Representative;
}
#[automatically_derived]
impl ::resource::__private::RelatedTo<{ ::resource::__private::field_key("comments") }>
for Ticket {
    type Destination = Comment;
}
#[automatically_derived]
impl ::resource::__private::RelatedTo<{ ::resource::__private::field_key("tags") }>
for Ticket {
    type Destination = Tag;
}
const _: () = {
    #[allow(dead_code)]
    fn __check_other_resources() {
        let _ = <<Comment as ::resource::__private::IsResource>::Itself as ::resource::__private::ResourceFields>::fields()
            .likes;
        let _ = <<Tag as ::resource::__private::IsResource>::Itself as ::resource::__private::ResourceFields>::fields()
            .name;
    }
};
#[automatically_derived]
#[doc(hidden)]
impl Ticket {
    fn __destination_representative() -> ::resource::__private::Destination<
        Representative,
    > {
        ::resource::__private::destination::<
            Representative,
        >(|__fields| {
            let _ = &__fields.id;
            #[diagnostic::on_unimplemented(
                message = "`representative_id` is a uuid (a `belongs_to` key's type unless `attribute_type` says otherwise), but it holds the key of `representative`, whose `id` is `{Key}`",
                label = "add `{{ attribute_type: {Key} }}` to `belongs_to representative`"
            )]
            trait BelongsToKey<Key> {}
            impl<Key> BelongsToKey<Key> for Key {}
            trait CheckKey<Key> {
                fn holds<Declared: BelongsToKey<Key>>(&self) {}
            }
            impl<R, Key, Role> CheckKey<Key>
            for ::resource::__private::Field<R, Key, Role> {}
            __fields.id.holds::<::resource::__private::uuid::Uuid>();
        })
    }
    fn __deserialize_representative<
        'de,
        __D: ::resource::__private::serde::Deserializer<'de>,
    >(
        __deserializer: __D,
    ) -> ::core::result::Result<
        ::resource::__private::Loaded<
            ::resource::__private::Related<::core::option::Option<Representative>>,
        >,
        __D::Error,
    > {
        ::resource::__private::deserialize_related(
            __deserializer,
            Ticket::__destination_representative().one_from_json,
        )
    }
    fn __destination_comments() -> ::resource::__private::Destination<Comment> {
        ::resource::__private::destination::<
            Comment,
        >(|__fields| {
            let _ = &__fields.ticket_id;
        })
    }
    fn __deserialize_comments<'de, __D: ::resource::__private::serde::Deserializer<'de>>(
        __deserializer: __D,
    ) -> ::core::result::Result<
        ::resource::__private::Loaded<
            ::resource::__private::Related<::std::vec::Vec<Comment>>,
        >,
        __D::Error,
    > {
        ::resource::__private::deserialize_related(
            __deserializer,
            Ticket::__destination_comments().many_from_json,
        )
    }
    fn __destination_tags() -> ::resource::__private::Destination<Tag> {
        ::resource::__private::destination::<
            Tag,
        >(|__fields| {
            let _ = &__fields.id;
        })
    }
    fn __through_tags() -> ::resource::__private::Destination<TicketTag> {
        ::resource::__private::destination::<
            TicketTag,
        >(|__fields| {
            let _ = &__fields.ticket_id;
            let _ = &__fields.tag_id;
        })
    }
    fn __deserialize_tags<'de, __D: ::resource::__private::serde::Deserializer<'de>>(
        __deserializer: __D,
    ) -> ::core::result::Result<
        ::resource::__private::Loaded<
            ::resource::__private::Related<::std::vec::Vec<Tag>>,
        >,
        __D::Error,
    > {
        ::resource::__private::deserialize_related(
            __deserializer,
            Ticket::__destination_tags().many_from_json,
        )
    }
}
