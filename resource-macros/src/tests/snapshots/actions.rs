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
    pub status: Status,
    #[serde(with = "::resource::__private::attribute_serde")]
    pub priority: i64,
    #[serde(with = "::resource::__private::attribute_serde")]
    #[serde(default)]
    pub closed_reason: Option<String>,
    #[serde(with = "::resource::__private::attribute_serde")]
    pub reporter: String,
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
                    name: "status",
                    ty: <Status as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: false,
                    primary_key: false,
                    public: true,
                    writable: true,
                    sensitive: false,
                    generated: false,
                    description: ::core::option::Option::None,
                    default: ::core::option::Option::Some(|| {
                        let __value: Status = ::core::convert::Into::into(Status::Open);
                        ::resource::__private::AttributeValue::into_value(__value)
                    }),
                    update_default: ::core::option::Option::None,
                    match_other_defaults: false,
                    constraints: ::resource::__private::Constraints::DEFAULT,
                },
                ::resource::__private::AttributeInfo {
                    name: "priority",
                    ty: <i64 as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: false,
                    primary_key: false,
                    public: true,
                    writable: true,
                    sensitive: false,
                    generated: false,
                    description: ::core::option::Option::None,
                    default: ::core::option::Option::Some(|| {
                        let __value: i64 = ::core::convert::Into::into(3);
                        ::resource::__private::AttributeValue::into_value(__value)
                    }),
                    update_default: ::core::option::Option::None,
                    match_other_defaults: false,
                    constraints: ::resource::__private::Constraints::DEFAULT,
                },
                ::resource::__private::AttributeInfo {
                    name: "closed_reason",
                    ty: <Option<String> as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: true,
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
                    name: "reporter",
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
            ],
            identities: &[
                ::resource::__private::IdentityInfo {
                    name: "unique_subject",
                    keys: &["subject", "reporter"],
                    pre_check: false,
                    eager_check: false,
                    message: ::core::option::Option::None,
                    nils_distinct: true,
                    field_names: ::core::option::Option::None,
                },
            ],
            actions: &[
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
                ::resource::__private::ActionInfo {
                    name: "open",
                    kind: ::resource::__private::ActionKind::Create,
                    primary: true,
                    accept: &["subject", "reporter", "priority"],
                    require_attributes: &[],
                    arguments: &[
                        ::resource::__private::ArgumentInfo {
                            name: "urgent",
                            ty: <bool as ::resource::__private::AttributeValue>::TYPE,
                            allow_nil: false,
                            sensitive: false,
                            default: ::core::option::Option::Some(|| {
                                let __value: bool = ::core::convert::Into::into(false);
                                ::resource::__private::AttributeValue::into_value(__value)
                            }),
                            constraints: ::resource::__private::Constraints::DEFAULT,
                        },
                        ::resource::__private::ArgumentInfo {
                            name: "note",
                            ty: <Option<
                                String,
                            > as ::resource::__private::AttributeValue>::TYPE,
                            allow_nil: true,
                            sensitive: false,
                            default: ::core::option::Option::None,
                            constraints: ::resource::__private::Constraints::DEFAULT,
                        },
                    ],
                    changes: &[
                        ::resource::__private::ChangeInfo::SetAttribute {
                            attribute: "status",
                            value: || {
                                let __value: Status = ::core::convert::Into::into(
                                    Status::Open,
                                );
                                ::resource::__private::AttributeValue::into_value(__value)
                            },
                        },
                        ::resource::__private::ChangeInfo::SetNewAttribute {
                            attribute: "priority",
                            value: || {
                                let __value: i64 = ::core::convert::Into::into(3);
                                ::resource::__private::AttributeValue::into_value(__value)
                            },
                        },
                        ::resource::__private::ChangeInfo::SetAttributeFromArgument {
                            attribute: {
                                const _: () = {
                                    ::resource::__private::expr_check!(
                                        __Check80fc0272,
                                        "`closed_reason` has type `{Self}`, but `set_attribute` copies argument `note`, of type `{__A}`, into it",
                                        "`note` cannot become `closed_reason`", binary
                                    );
                                    let _ = <String as __Check80fc0272<String>>::copy;
                                };
                                "closed_reason"
                            },
                            argument: "note",
                        },
                    ],
                    validations: &[
                        ::resource::__private::ValidationInfo {
                            rule: ::resource::__private::Validation::Compare {
                                field: "priority",
                                greater_than: ::core::option::Option::None,
                                greater_than_or_equal_to: ::core::option::Option::Some(
                                    ::resource::__private::Operand::Value(|| {
                                        let __value: i64 = ::core::convert::Into::into(1);
                                        ::resource::__private::AttributeValue::into_value(__value)
                                    }),
                                ),
                                less_than: ::core::option::Option::None,
                                less_than_or_equal_to: ::core::option::Option::Some(
                                    ::resource::__private::Operand::Value(|| {
                                        let __value: i64 = ::core::convert::Into::into(5);
                                        ::resource::__private::AttributeValue::into_value(__value)
                                    }),
                                ),
                                is_equal: ::core::option::Option::None,
                            },
                            on: &[::resource::__private::ActionKind::Create],
                            conditions: &[],
                            only_when_valid: false,
                            message: ::core::option::Option::None,
                        },
                    ],
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
                    name: "import",
                    kind: ::resource::__private::ActionKind::Create,
                    primary: false,
                    accept: &["subject", "reporter"],
                    require_attributes: &[],
                    arguments: &[],
                    changes: &[],
                    validations: &[],
                    upsert: true,
                    upsert_identity: ::core::option::Option::Some("unique_subject"),
                    upsert_fields: ::resource::__private::UpsertFields::ReplaceAllExcept(
                        &["reporter"],
                    ),
                    touch_update_defaults: true,
                    upsert_condition: ::core::option::Option::None,
                    filter: ::core::option::Option::None,
                    get: false,
                    get_by: &[],
                    pagination: ::core::option::Option::None,
                },
                ::resource::__private::ActionInfo {
                    name: "close",
                    kind: ::resource::__private::ActionKind::Update,
                    primary: false,
                    accept: &["closed_reason"],
                    require_attributes: &["closed_reason"],
                    arguments: &[],
                    changes: &[
                        ::resource::__private::ChangeInfo::SetAttribute {
                            attribute: "status",
                            value: || {
                                let __value: Status = ::core::convert::Into::into(
                                    Status::Closed,
                                );
                                ::resource::__private::AttributeValue::into_value(__value)
                            },
                        },
                    ],
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
                    name: "reopen",
                    kind: ::resource::__private::ActionKind::Update,
                    primary: false,
                    accept: &["subject", "priority"],
                    require_attributes: &[],
                    arguments: &[],
                    changes: &[
                        ::resource::__private::ChangeInfo::SetAttribute {
                            attribute: "status",
                            value: || {
                                let __value: Status = ::core::convert::Into::into(
                                    Status::Open,
                                );
                                ::resource::__private::AttributeValue::into_value(__value)
                            },
                        },
                        ::resource::__private::ChangeInfo::SetAttribute {
                            attribute: "closed_reason",
                            value: || ::resource::__private::Value::Nil,
                        },
                    ],
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
                    name: "edit",
                    kind: ::resource::__private::ActionKind::Update,
                    primary: false,
                    accept: &["subject", "priority"],
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
                    name: "open_urgent",
                    kind: ::resource::__private::ActionKind::Read,
                    primary: false,
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
                    filter: ::core::option::Option::Some(|| ::resource::__private::Expr::binary(
                        ::resource::__private::BinaryOp::Or,
                        ::resource::__private::Expr::binary(
                            ::resource::__private::BinaryOp::And,
                            {
                                {
                                    ::resource::__private::expr_check!(
                                        __Checka05c7666,
                                        "`status` has type `{Self}`; it cannot be compared with a string",
                                        "not comparable with `status`", compare Text
                                    );
                                    <_ as __Checka05c7666>::check(
                                        &<Ticket as ::resource::__private::ResourceFields>::fields()
                                            .status,
                                    );
                                }
                                ::resource::__private::Expr::binary(
                                    ::resource::__private::BinaryOp::Eq,
                                    ::resource::__private::Expr::field("status"),
                                    ::resource::__private::Expr::value("open"),
                                )
                            },
                            {
                                {
                                    ::resource::__private::expr_check!(
                                        __Checkab23ff5c,
                                        "`priority` has type `{Self}`; it cannot be compared with an integer",
                                        "not comparable with `priority`", compare Integer
                                    );
                                    <_ as __Checkab23ff5c>::check(
                                        &<Ticket as ::resource::__private::ResourceFields>::fields()
                                            .priority,
                                    );
                                }
                                ::resource::__private::Expr::binary(
                                    ::resource::__private::BinaryOp::Le,
                                    ::resource::__private::Expr::field("priority"),
                                    ::resource::__private::Expr::value(2),
                                )
                            },
                        ),
                        ::resource::__private::Expr::binary(
                            ::resource::__private::BinaryOp::Eq,
                            ::resource::__private::Expr::field("subject"),
                            {
                                ::resource::__private::expr_check!(
                                    __Check12ba298a,
                                    "`subject` has type `{Self}`; it cannot be compared with `{__A}`",
                                    "not comparable with `subject`", binary
                                );
                                <_ as __Check12ba298a<
                                    _,
                                >>::pin(
                                    &<Ticket as ::resource::__private::ResourceFields>::fields()
                                        .subject,
                                    urgent_subject(),
                                )
                            },
                        ),
                    )),
                    get: false,
                    get_by: &[],
                    pagination: ::core::option::Option::None,
                },
                ::resource::__private::ActionInfo {
                    name: "by_subject",
                    kind: ::resource::__private::ActionKind::Read,
                    primary: false,
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
                    filter: ::core::option::Option::Some(|| ::resource::__private::Expr::Not(
                        ::std::boxed::Box::new(
                            ::resource::__private::Expr::IsNil(
                                ::std::boxed::Box::new(
                                    ::resource::__private::Expr::field("subject"),
                                ),
                            ),
                        ),
                    )),
                    get: true,
                    get_by: &[],
                    pagination: ::core::option::Option::None,
                },
                ::resource::__private::ActionInfo {
                    name: "by_subject_and_reporter",
                    kind: ::resource::__private::ActionKind::Read,
                    primary: false,
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
                    get_by: &["subject", "reporter"],
                    pagination: ::core::option::Option::None,
                },
                ::resource::__private::ActionInfo {
                    name: "paged",
                    kind: ::resource::__private::ActionKind::Read,
                    primary: false,
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
                    pagination: ::core::option::Option::Some(::resource::__private::PaginationInfo {
                        offset: true,
                        keyset: true,
                        default_limit: ::core::option::Option::Some(20usize),
                        max_page_size: ::resource::__private::PaginationInfo::MAX_PAGE_SIZE,
                        countable: true,
                    }),
                },
                ::resource::__private::ActionInfo {
                    name: "archive",
                    kind: ::resource::__private::ActionKind::Destroy,
                    primary: false,
                    accept: &[],
                    require_attributes: &[],
                    arguments: &[],
                    changes: &[],
                    validations: &[
                        ::resource::__private::ValidationInfo {
                            rule: ::resource::__private::Validation::AttributeEquals {
                                field: "status",
                                value: || {
                                    let __value: Status = ::core::convert::Into::into(
                                        Status::Closed,
                                    );
                                    ::resource::__private::AttributeValue::into_value(__value)
                                },
                            },
                            on: &[::resource::__private::ActionKind::Destroy],
                            conditions: &[],
                            only_when_valid: false,
                            message: ::core::option::Option::Some("close it first"),
                        },
                    ],
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
            calculations: &[],
            relationships: &[],
            aggregates: &[],
            sql: ::resource::__private::SqlInfo::DEFAULT,
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
                ::core::clone::Clone::clone(&self.status),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.priority),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.closed_reason),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.reporter),
            ),
        ])
    }
    fn from_row(row: ::resource::__private::Row) -> ::resource::__private::Result<Self> {
        let [__id, __subject, __status, __priority, __closed_reason, __reporter,
        ]: [::resource::__private::Value; 6] = ::core::convert::TryFrom::try_from(row)
            .map_err(|__row: ::resource::__private::Row| {
                ::resource::__private::Error::DataLayer(
                    ::std::format!(
                        "Ticket: a row has {} values, expected 6", __row.len()
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
            status: ::resource::__private::field_from_value(
                "Ticket",
                "status",
                __status,
            )?,
            priority: ::resource::__private::field_from_value(
                "Ticket",
                "priority",
                __priority,
            )?,
            closed_reason: ::resource::__private::field_from_value(
                "Ticket",
                "closed_reason",
                __closed_reason,
            )?,
            reporter: ::resource::__private::field_from_value(
                "Ticket",
                "reporter",
                __reporter,
            )?,
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
        let __status = (&::resource::__private::Take::<Status>::new()).take(values)?;
        let __priority = (&::resource::__private::Take::<i64>::new()).take(values)?;
        let __closed_reason = (&::resource::__private::Take::<Option<String>>::new())
            .take(values)?;
        let __reporter = (&::resource::__private::Take::<String>::new()).take(values)?;
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
            status: match __status {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value("Ticket", "status", __value)?
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
            closed_reason: match __closed_reason {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value(
                        "Ticket",
                        "closed_reason",
                        __value,
                    )?
                }
            },
            reporter: match __reporter {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value(
                        "Ticket",
                        "reporter",
                        __value,
                    )?
                }
            },
        })
    }
}
impl Ticket {
    /// A query through the `read` action: add filters and sorts, then `run` it.
    pub fn read() -> ::resource::__private::Query<Ticket> {
        ::resource::__private::Query::new("read")
    }
    /// Starts the `open` action: set its input on the [`TicketOpen`], then `run` it.
    pub fn open() -> TicketOpen {
        TicketOpen(::resource::__private::ActionInput::create("open"))
    }
    /// Starts the `import` action: set its input on the [`TicketImport`], then `run` it.
    pub fn import() -> TicketImport {
        TicketImport(::resource::__private::ActionInput::create("import"))
    }
    /// Starts the `close` action on this record: see [`TicketClose`].
    pub fn close(&self) -> TicketClose {
        TicketClose(::resource::__private::ActionInput::update("close", self))
    }
    /// Starts the `reopen` action on this record: see [`TicketReopen`].
    pub fn reopen(&self) -> TicketReopen {
        TicketReopen(::resource::__private::ActionInput::update("reopen", self))
    }
    /// Starts the `edit` action on this record: see [`TicketEdit`].
    pub fn edit(&self) -> TicketEdit {
        TicketEdit(::resource::__private::ActionInput::update("edit", self))
    }
    /// A query through the `open_urgent` action: add filters and sorts, then `run` it.
    pub fn open_urgent() -> ::resource::__private::Query<Ticket> {
        ::resource::__private::Query::new("open_urgent")
    }
    /// A query through the `by_subject` action: add filters and sorts, then `run` it.
    pub fn by_subject() -> ::resource::__private::Query<Ticket> {
        ::resource::__private::Query::new("by_subject")
    }
    /// The one record the `by_subject_and_reporter` action finds by `subject`, `reporter` (Ash's `get_by`).
    ///
    /// # Errors
    ///
    /// `Error::NotFound` if there is none, `Error::MultipleResults` if there are several.
    pub fn by_subject_and_reporter(
        domain: &::resource::__private::Domain,
        subject: impl ::core::convert::Into<String>,
        reporter: impl ::core::convert::Into<String>,
    ) -> ::resource::__private::Result<Ticket> {
        ::resource::__private::Query::<Ticket>::new("by_subject_and_reporter")
            .with_get_by(
                ::std::vec::Vec::from([
                    ::resource::__private::AttributeValue::into_value(
                        ::core::convert::Into::<String>::into(subject),
                    ),
                    ::resource::__private::AttributeValue::into_value(
                        ::core::convert::Into::<String>::into(reporter),
                    ),
                ]),
            )
            .one(domain)
    }
    /// A query through the `paged` action: add filters and sorts, then `run` it or read a `page` of it.
    pub fn paged() -> ::resource::__private::Query<Ticket> {
        ::resource::__private::Query::new("paged")
    }
    /// Starts the `archive` action on this record: see [`TicketArchive`].
    pub fn archive(&self) -> TicketArchive {
        TicketArchive(::resource::__private::ActionInput::destroy("archive", self))
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
    /// The record whose identity `unique_subject` (`subject`, `reporter`) has these values.
    ///
    /// # Errors
    ///
    /// `Error::NotFound` if there is none.
    pub fn get_by_unique_subject(
        domain: &::resource::__private::Domain,
        subject: impl ::core::convert::Into<String>,
        reporter: impl ::core::convert::Into<String>,
    ) -> ::resource::__private::Result<Ticket> {
        ::resource::__private::Domain::get_by_identity(
            domain,
            "unique_subject",
            ::std::vec::Vec::from([
                ::resource::__private::AttributeValue::into_value(
                    ::core::convert::Into::<String>::into(subject),
                ),
                ::resource::__private::AttributeValue::into_value(
                    ::core::convert::Into::<String>::into(reporter),
                ),
            ]),
        )
    }
}
/// Builder of the `open` action of [`Ticket`]: accepts `subject`, `reporter`, `priority`; arguments `urgent`, `note`.
#[must_use = "a builder does nothing until it is `run`"]
#[derive(::core::clone::Clone)]
pub struct TicketOpen(::resource::__private::ActionInput<Ticket>);
#[automatically_derived]
impl ::core::fmt::Debug for TicketOpen {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter.debug_struct("TicketOpen").finish_non_exhaustive()
    }
}
impl TicketOpen {
    /// Sets `subject`.
    pub fn subject(mut self, value: impl ::core::convert::Into<String>) -> Self {
        let __value: String = ::core::convert::Into::into(value);
        self.0
            .set("subject", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets `reporter`.
    pub fn reporter(mut self, value: impl ::core::convert::Into<String>) -> Self {
        let __value: String = ::core::convert::Into::into(value);
        self.0
            .set("reporter", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets `priority`.
    pub fn priority(mut self, value: impl ::core::convert::Into<i64>) -> Self {
        let __value: i64 = ::core::convert::Into::into(value);
        self.0
            .set("priority", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets the argument `urgent`.
    pub fn urgent(mut self, value: impl ::core::convert::Into<bool>) -> Self {
        let __value: bool = ::core::convert::Into::into(value);
        self.0.set("urgent", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets the argument `note`.
    pub fn note(self, value: impl ::core::convert::Into<String>) -> Self {
        self.note_opt(::core::option::Option::Some(::core::convert::Into::into(value)))
    }
    /// Sets the argument `note`.
    ///
    /// `None` sets it to nil.
    pub fn note_opt(mut self, value: ::core::option::Option<String>) -> Self {
        self.0.set("note", ::resource::__private::AttributeValue::into_value(value));
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
/// Builder of the `import` action of [`Ticket`]: accepts `subject`, `reporter`.
#[must_use = "a builder does nothing until it is `run`"]
#[derive(::core::clone::Clone)]
pub struct TicketImport(::resource::__private::ActionInput<Ticket>);
#[automatically_derived]
impl ::core::fmt::Debug for TicketImport {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter.debug_struct("TicketImport").finish_non_exhaustive()
    }
}
impl TicketImport {
    /// Sets `subject`.
    pub fn subject(mut self, value: impl ::core::convert::Into<String>) -> Self {
        let __value: String = ::core::convert::Into::into(value);
        self.0
            .set("subject", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets `reporter`.
    pub fn reporter(mut self, value: impl ::core::convert::Into<String>) -> Self {
        let __value: String = ::core::convert::Into::into(value);
        self.0
            .set("reporter", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Resolves this call's conflict on the identity `unique_subject` instead of the action's `unique_subject`.
    pub fn upsert_on_unique_subject(mut self) -> Self {
        self.0.set_upsert_identity("unique_subject");
        self
    }
    /// Overwrites exactly these attributes of the existing record on conflict in this call, instead of the action's `upsert_fields`: handles of [`Ticket`] as one handle, a tuple (`(ticket::subject, ticket::reporter)`) or `()` for none (the update timestamps are then kept too).
    pub fn upsert_fields(
        mut self,
        fields: impl ::resource::__private::FieldList<Ticket>,
    ) -> Self {
        self.0.set_upsert_fields(::resource::__private::FieldList::field_names(fields));
        self
    }
    /// Whether this call's upsert sets the update defaults (`updated_at`)
    /// on conflict (Ash's `touch_update_defaults?`; the action's otherwise).
    pub fn touch_update_defaults(mut self, touch: bool) -> Self {
        self.0.set_touch_update_defaults(touch);
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
/// Builder of the `close` action of [`Ticket`]: accepts `closed_reason`.
#[must_use = "a builder does nothing until it is `run`"]
#[derive(::core::clone::Clone)]
pub struct TicketClose(::resource::__private::ActionInput<Ticket>);
#[automatically_derived]
impl ::core::fmt::Debug for TicketClose {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter.debug_struct("TicketClose").finish_non_exhaustive()
    }
}
impl TicketClose {
    /// Sets `closed_reason`.
    pub fn closed_reason(self, value: impl ::core::convert::Into<String>) -> Self {
        self.closed_reason_opt(
            ::core::option::Option::Some(::core::convert::Into::into(value)),
        )
    }
    /// Sets `closed_reason`.
    ///
    /// `None` sets it to nil.
    pub fn closed_reason_opt(mut self, value: ::core::option::Option<String>) -> Self {
        self.0
            .set(
                "closed_reason",
                ::resource::__private::AttributeValue::into_value(value),
            );
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
/// Builder of the `reopen` action of [`Ticket`]: accepts `subject`, `priority`.
#[must_use = "a builder does nothing until it is `run`"]
#[derive(::core::clone::Clone)]
pub struct TicketReopen(::resource::__private::ActionInput<Ticket>);
#[automatically_derived]
impl ::core::fmt::Debug for TicketReopen {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter.debug_struct("TicketReopen").finish_non_exhaustive()
    }
}
impl TicketReopen {
    /// Sets `subject`.
    pub fn subject(mut self, value: impl ::core::convert::Into<String>) -> Self {
        let __value: String = ::core::convert::Into::into(value);
        self.0
            .set("subject", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets `priority`.
    pub fn priority(mut self, value: impl ::core::convert::Into<i64>) -> Self {
        let __value: i64 = ::core::convert::Into::into(value);
        self.0
            .set("priority", ::resource::__private::AttributeValue::into_value(__value));
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
/// Builder of the `edit` action of [`Ticket`]: accepts `subject`, `priority`.
#[must_use = "a builder does nothing until it is `run`"]
#[derive(::core::clone::Clone)]
pub struct TicketEdit(::resource::__private::ActionInput<Ticket>);
#[automatically_derived]
impl ::core::fmt::Debug for TicketEdit {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter.debug_struct("TicketEdit").finish_non_exhaustive()
    }
}
impl TicketEdit {
    /// Sets `subject`.
    pub fn subject(mut self, value: impl ::core::convert::Into<String>) -> Self {
        let __value: String = ::core::convert::Into::into(value);
        self.0
            .set("subject", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets `priority`.
    pub fn priority(mut self, value: impl ::core::convert::Into<i64>) -> Self {
        let __value: i64 = ::core::convert::Into::into(value);
        self.0
            .set("priority", ::resource::__private::AttributeValue::into_value(__value));
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
/// Builder of the `archive` action of [`Ticket`], which accepts no attributes.
#[must_use = "a builder does nothing until it is `run`"]
#[derive(::core::clone::Clone)]
pub struct TicketArchive(::resource::__private::ActionInput<Ticket>);
#[automatically_derived]
impl ::core::fmt::Debug for TicketArchive {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter.debug_struct("TicketArchive").finish_non_exhaustive()
    }
}
impl TicketArchive {
    /// Builds the changeset without running it: casts the input, applies
    /// defaults and changes, runs validations. Errors stay on the changeset.
    pub fn changeset(
        self,
        domain: &::resource::__private::Domain,
    ) -> ::resource::__private::Changeset<Ticket> {
        self.0.changeset(domain)
    }
    /// Runs the action: the record is destroyed.
    ///
    /// # Errors
    ///
    /// `Error::Invalid` with every field error when a validation fails.
    pub fn run(
        self,
        domain: &::resource::__private::Domain,
    ) -> ::resource::__private::Result<()> {
        self.0.run_destroy(domain)
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
    /// The `status` attribute.
    pub const status: ::resource::__private::Field<super::Ticket, Status> = ::resource::__private::Field::new(
        "status",
    );
    /// The `priority` attribute.
    pub const priority: ::resource::__private::Field<super::Ticket, i64> = ::resource::__private::Field::new(
        "priority",
    );
    /// The `closed_reason` attribute.
    pub const closed_reason: ::resource::__private::Field<super::Ticket, String> = ::resource::__private::Field::new(
        "closed_reason",
    );
    /// The `reporter` attribute.
    pub const reporter: ::resource::__private::Field<super::Ticket, String> = ::resource::__private::Field::new(
        "reporter",
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
    /// The `status` attribute.
    pub status: ::resource::__private::Field<Ticket, Status>,
    /// The `priority` attribute.
    pub priority: ::resource::__private::Field<Ticket, i64>,
    /// The `closed_reason` attribute.
    pub closed_reason: ::resource::__private::Field<Ticket, String>,
    /// The `reporter` attribute.
    pub reporter: ::resource::__private::Field<Ticket, String>,
}
#[automatically_derived]
impl ::resource::__private::ResourceFields for Ticket {
    type Fields = TicketFields;
    fn fields() -> &'static TicketFields {
        static __FIELDS: TicketFields = TicketFields {
            id: ::resource::__private::Field::new("id"),
            subject: ::resource::__private::Field::new("subject"),
            status: ::resource::__private::Field::new("status"),
            priority: ::resource::__private::Field::new("priority"),
            closed_reason: ::resource::__private::Field::new("closed_reason"),
            reporter: ::resource::__private::Field::new("reporter"),
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
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("status") }>
for Ticket {
    type Type = Status;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("priority") }>
for Ticket {
    type Type = i64;
}
#[automatically_derived]
impl ::resource::__private::FieldType<
    { ::resource::__private::field_key("closed_reason") },
> for Ticket {
    type Type = String;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("reporter") }>
for Ticket {
    type Type = String;
}
