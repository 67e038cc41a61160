#[derive(
    ::core::clone::Clone,
    ::core::cmp::PartialEq,
    ::resource::__private::serde::Serialize,
    ::resource::__private::serde::Deserialize,
)]
#[serde(crate = "::resource::__private::serde")]
pub(crate) struct Account {
    #[serde(with = "::resource::__private::attribute_serde")]
    pub id: i64,
    /// Where we write to.
    #[serde(with = "::resource::__private::attribute_serde")]
    pub email: CiString,
    #[serde(skip_serializing)]
    #[serde(with = "::resource::__private::attribute_serde")]
    pub password_hash: String,
    #[serde(with = "::resource::__private::attribute_serde")]
    #[serde(default)]
    pub nickname: Option<String>,
    #[serde(with = "::resource::__private::attribute_serde")]
    pub balance: Decimal,
    #[serde(with = "::resource::__private::attribute_serde")]
    pub score: f64,
    #[serde(with = "::resource::__private::attribute_serde")]
    pub role: Role,
    #[serde(with = "::resource::__private::attribute_serde")]
    pub version: i64,
    #[serde(with = "::resource::__private::attribute_serde")]
    pub inserted_at: ::resource::__private::chrono::DateTime<
        ::resource::__private::chrono::Utc,
    >,
    #[serde(with = "::resource::__private::attribute_serde")]
    pub updated_at: ::resource::__private::chrono::DateTime<
        ::resource::__private::chrono::Utc,
    >,
}
#[automatically_derived]
impl ::core::fmt::Debug for Account {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter
            .debug_struct("Account")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("password_hash", &::core::format_args!("**redacted**"))
            .field("nickname", &self.nickname)
            .field("balance", &self.balance)
            .field("score", &self.score)
            .field("role", &self.role)
            .field("version", &self.version)
            .field("inserted_at", &self.inserted_at)
            .field("updated_at", &self.updated_at)
            .finish()
    }
}
#[automatically_derived]
impl ::resource::__private::IsResource for Account {
    type Itself = Self;
}
#[automatically_derived]
impl ::resource::__private::Resource for Account {
    #[allow(clippy::too_many_lines)]
    fn info() -> &'static ::resource::__private::ResourceInfo {
        static __INFO: ::resource::__private::ResourceInfo = ::resource::__private::ResourceInfo {
            name: "Account",
            short_name: "account",
            description: ::core::option::Option::None,
            data_layer: ::resource::__private::DataLayerKind::Sqlite,
            attributes: &[
                ::resource::__private::AttributeInfo {
                    name: "id",
                    ty: <i64 as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: false,
                    primary_key: true,
                    public: true,
                    writable: false,
                    sensitive: false,
                    generated: true,
                    description: ::core::option::Option::None,
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    match_other_defaults: false,
                    constraints: ::resource::__private::Constraints::DEFAULT,
                },
                ::resource::__private::AttributeInfo {
                    name: "email",
                    ty: <CiString as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: false,
                    primary_key: false,
                    public: true,
                    writable: true,
                    sensitive: false,
                    generated: false,
                    description: ::core::option::Option::Some("The address we write to"),
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    match_other_defaults: false,
                    constraints: ::resource::__private::Constraints {
                        max_length: ::core::option::Option::Some(160),
                        pattern: ::core::option::Option::Some({
                            static __PATTERN: ::resource::__private::Pattern = ::resource::__private::Pattern::new(
                                "^[^@]+@[^@]+$",
                            );
                            &__PATTERN
                        }),
                        ..::resource::__private::Constraints::DEFAULT
                    },
                },
                ::resource::__private::AttributeInfo {
                    name: "password_hash",
                    ty: <String as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: false,
                    primary_key: false,
                    public: false,
                    writable: true,
                    sensitive: true,
                    generated: false,
                    description: ::core::option::Option::None,
                    default: ::core::option::Option::None,
                    update_default: ::core::option::Option::None,
                    match_other_defaults: false,
                    constraints: ::resource::__private::Constraints::DEFAULT,
                },
                ::resource::__private::AttributeInfo {
                    name: "nickname",
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
                    constraints: ::resource::__private::Constraints {
                        min_length: ::core::option::Option::Some(2),
                        trim: false,
                        allow_empty: true,
                        ..::resource::__private::Constraints::DEFAULT
                    },
                },
                ::resource::__private::AttributeInfo {
                    name: "balance",
                    ty: <Decimal as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: false,
                    primary_key: false,
                    public: true,
                    writable: true,
                    sensitive: false,
                    generated: false,
                    description: ::core::option::Option::None,
                    default: ::core::option::Option::Some(|| {
                        let __value: Decimal = ::core::convert::Into::into(0);
                        ::resource::__private::AttributeValue::into_value(__value)
                    }),
                    update_default: ::core::option::Option::None,
                    match_other_defaults: false,
                    constraints: ::resource::__private::Constraints {
                        min: ::core::option::Option::Some(
                            ::resource::__private::Number::Decimal("0"),
                        ),
                        max: ::core::option::Option::Some(
                            ::resource::__private::Number::Decimal("1000.5"),
                        ),
                        ..::resource::__private::Constraints::DEFAULT
                    },
                },
                ::resource::__private::AttributeInfo {
                    name: "score",
                    ty: <f64 as ::resource::__private::AttributeValue>::TYPE,
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
                    constraints: ::resource::__private::Constraints {
                        greater_than: ::core::option::Option::Some(
                            ::resource::__private::Number::Float(0.5),
                        ),
                        less_than: ::core::option::Option::Some(
                            ::resource::__private::Number::Int(10),
                        ),
                        ..::resource::__private::Constraints::DEFAULT
                    },
                },
                ::resource::__private::AttributeInfo {
                    name: "role",
                    ty: <Role as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: false,
                    primary_key: false,
                    public: true,
                    writable: true,
                    sensitive: false,
                    generated: false,
                    description: ::core::option::Option::None,
                    default: ::core::option::Option::Some(|| {
                        let __value: Role = ::core::convert::Into::into(Role::Member);
                        ::resource::__private::AttributeValue::into_value(__value)
                    }),
                    update_default: ::core::option::Option::None,
                    match_other_defaults: false,
                    constraints: ::resource::__private::Constraints::DEFAULT,
                },
                ::resource::__private::AttributeInfo {
                    name: "version",
                    ty: <i64 as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: false,
                    primary_key: false,
                    public: false,
                    writable: false,
                    sensitive: false,
                    generated: false,
                    description: ::core::option::Option::None,
                    default: ::core::option::Option::Some(|| {
                        let __value: i64 = ::core::convert::Into::into(1);
                        ::resource::__private::AttributeValue::into_value(__value)
                    }),
                    update_default: ::core::option::Option::None,
                    match_other_defaults: false,
                    constraints: ::resource::__private::Constraints::DEFAULT,
                },
                ::resource::__private::AttributeInfo {
                    name: "inserted_at",
                    ty: <::resource::__private::chrono::DateTime<
                        ::resource::__private::chrono::Utc,
                    > as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: false,
                    primary_key: false,
                    public: false,
                    writable: false,
                    sensitive: false,
                    generated: false,
                    description: ::core::option::Option::None,
                    default: ::core::option::Option::Some(|| {
                        let __value: ::resource::__private::chrono::DateTime<
                            ::resource::__private::chrono::Utc,
                        > = ::core::convert::Into::into(
                            ::resource::__private::chrono::Utc::now(),
                        );
                        ::resource::__private::AttributeValue::into_value(__value)
                    }),
                    update_default: ::core::option::Option::None,
                    match_other_defaults: true,
                    constraints: ::resource::__private::Constraints::DEFAULT,
                },
                ::resource::__private::AttributeInfo {
                    name: "updated_at",
                    ty: <::resource::__private::chrono::DateTime<
                        ::resource::__private::chrono::Utc,
                    > as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: false,
                    primary_key: false,
                    public: false,
                    writable: false,
                    sensitive: false,
                    generated: false,
                    description: ::core::option::Option::None,
                    default: ::core::option::Option::Some(|| {
                        let __value: ::resource::__private::chrono::DateTime<
                            ::resource::__private::chrono::Utc,
                        > = ::core::convert::Into::into(
                            ::resource::__private::chrono::Utc::now(),
                        );
                        ::resource::__private::AttributeValue::into_value(__value)
                    }),
                    update_default: ::core::option::Option::Some(|| {
                        let __value: ::resource::__private::chrono::DateTime<
                            ::resource::__private::chrono::Utc,
                        > = ::core::convert::Into::into(
                            ::resource::__private::chrono::Utc::now(),
                        );
                        ::resource::__private::AttributeValue::into_value(__value)
                    }),
                    match_other_defaults: true,
                    constraints: ::resource::__private::Constraints::DEFAULT,
                },
            ],
            identities: &[],
            actions: &[
                ::resource::__private::ActionInfo {
                    name: "create",
                    kind: ::resource::__private::ActionKind::Create,
                    primary: true,
                    accept: &["email", "nickname", "balance", "score", "role"],
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
                ::resource::__private::ActionInfo {
                    name: "update",
                    kind: ::resource::__private::ActionKind::Update,
                    primary: true,
                    accept: &["email", "nickname", "balance", "score", "role"],
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
                ::core::clone::Clone::clone(&self.email),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.password_hash),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.nickname),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.balance),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.score),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.role),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.version),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.inserted_at),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.updated_at),
            ),
        ])
    }
    fn from_row(row: ::resource::__private::Row) -> ::resource::__private::Result<Self> {
        let [__id, __email, __password_hash, __nickname, __balance, __score, __role,
        __version, __inserted_at, __updated_at]: [::resource::__private::Value; 10] = ::core::convert::TryFrom::try_from(
                row,
            )
            .map_err(|__row: ::resource::__private::Row| {
                ::resource::__private::Error::DataLayer(
                    ::std::format!(
                        "Account: a row has {} values, expected 10", __row.len()
                    ),
                )
            })?;
        ::core::result::Result::Ok(Account {
            id: ::resource::__private::field_from_value("Account", "id", __id)?,
            email: ::resource::__private::field_from_value("Account", "email", __email)?,
            password_hash: ::resource::__private::field_from_value(
                "Account",
                "password_hash",
                __password_hash,
            )?,
            nickname: ::resource::__private::field_from_value(
                "Account",
                "nickname",
                __nickname,
            )?,
            balance: ::resource::__private::field_from_value(
                "Account",
                "balance",
                __balance,
            )?,
            score: ::resource::__private::field_from_value("Account", "score", __score)?,
            role: ::resource::__private::field_from_value("Account", "role", __role)?,
            version: ::resource::__private::field_from_value(
                "Account",
                "version",
                __version,
            )?,
            inserted_at: ::resource::__private::field_from_value(
                "Account",
                "inserted_at",
                __inserted_at,
            )?,
            updated_at: ::resource::__private::field_from_value(
                "Account",
                "updated_at",
                __updated_at,
            )?,
        })
    }
    fn from_values(
        values: &mut dyn ::resource::__private::RowValues,
    ) -> ::resource::__private::Result<Self> {
        use ::resource::__private::{TakeTyped as _, TakeValue as _};
        let __id = (&::resource::__private::Take::<i64>::new()).take(values)?;
        let __email = (&::resource::__private::Take::<CiString>::new()).take(values)?;
        let __password_hash = (&::resource::__private::Take::<String>::new())
            .take(values)?;
        let __nickname = (&::resource::__private::Take::<Option<String>>::new())
            .take(values)?;
        let __balance = (&::resource::__private::Take::<Decimal>::new()).take(values)?;
        let __score = (&::resource::__private::Take::<f64>::new()).take(values)?;
        let __role = (&::resource::__private::Take::<Role>::new()).take(values)?;
        let __version = (&::resource::__private::Take::<i64>::new()).take(values)?;
        let __inserted_at = (&::resource::__private::Take::<
            ::resource::__private::chrono::DateTime<::resource::__private::chrono::Utc>,
        >::new())
            .take(values)?;
        let __updated_at = (&::resource::__private::Take::<
            ::resource::__private::chrono::DateTime<::resource::__private::chrono::Utc>,
        >::new())
            .take(values)?;
        ::core::result::Result::Ok(Account {
            id: match __id {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value("Account", "id", __value)?
                }
            },
            email: match __email {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value("Account", "email", __value)?
                }
            },
            password_hash: match __password_hash {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value(
                        "Account",
                        "password_hash",
                        __value,
                    )?
                }
            },
            nickname: match __nickname {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value(
                        "Account",
                        "nickname",
                        __value,
                    )?
                }
            },
            balance: match __balance {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value(
                        "Account",
                        "balance",
                        __value,
                    )?
                }
            },
            score: match __score {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value("Account", "score", __value)?
                }
            },
            role: match __role {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value("Account", "role", __value)?
                }
            },
            version: match __version {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value(
                        "Account",
                        "version",
                        __value,
                    )?
                }
            },
            inserted_at: match __inserted_at {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value(
                        "Account",
                        "inserted_at",
                        __value,
                    )?
                }
            },
            updated_at: match __updated_at {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value(
                        "Account",
                        "updated_at",
                        __value,
                    )?
                }
            },
        })
    }
}
impl Account {
    /// Starts the `create` action: set its input on the [`AccountCreate`], then `run` it.
    pub(crate) fn create() -> AccountCreate {
        AccountCreate(::resource::__private::ActionInput::create("create"))
    }
    /// A query through the `read` action: add filters and sorts, then `run` it.
    pub(crate) fn read() -> ::resource::__private::Query<Account> {
        ::resource::__private::Query::new("read")
    }
    /// Starts the `update` action on this record: see [`AccountUpdate`].
    pub(crate) fn update(&self) -> AccountUpdate {
        AccountUpdate(::resource::__private::ActionInput::update("update", self))
    }
    /// The record with this primary key (`id`).
    ///
    /// # Errors
    ///
    /// `Error::NotFound` if there is none.
    pub(crate) fn get(
        domain: &::resource::__private::Domain,
        id: impl ::core::convert::Into<i64>,
    ) -> ::resource::__private::Result<Account> {
        ::resource::__private::Domain::get(
            domain,
            ::std::vec::Vec::from([
                ::resource::__private::AttributeValue::into_value(
                    ::core::convert::Into::<i64>::into(id),
                ),
            ]),
        )
    }
}
/// Builder of the `create` action of [`Account`]: accepts `email`, `nickname`, `balance`, `score`, `role`.
#[must_use = "a builder does nothing until it is `run`"]
#[derive(::core::clone::Clone)]
pub(crate) struct AccountCreate(::resource::__private::ActionInput<Account>);
#[automatically_derived]
impl ::core::fmt::Debug for AccountCreate {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter.debug_struct("AccountCreate").finish_non_exhaustive()
    }
}
impl AccountCreate {
    /// Sets `email`.
    ///
    /// The address we write to
    pub(crate) fn email(mut self, value: impl ::core::convert::Into<CiString>) -> Self {
        let __value: CiString = ::core::convert::Into::into(value);
        self.0.set("email", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets `nickname`.
    pub(crate) fn nickname(self, value: impl ::core::convert::Into<String>) -> Self {
        self.nickname_opt(
            ::core::option::Option::Some(::core::convert::Into::into(value)),
        )
    }
    /// Sets `nickname`.
    ///
    /// `None` sets it to nil.
    pub(crate) fn nickname_opt(mut self, value: ::core::option::Option<String>) -> Self {
        self.0.set("nickname", ::resource::__private::AttributeValue::into_value(value));
        self
    }
    /// Sets `balance`.
    pub(crate) fn balance(mut self, value: impl ::core::convert::Into<Decimal>) -> Self {
        let __value: Decimal = ::core::convert::Into::into(value);
        self.0
            .set("balance", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets `score`.
    pub(crate) fn score(mut self, value: impl ::core::convert::Into<f64>) -> Self {
        let __value: f64 = ::core::convert::Into::into(value);
        self.0.set("score", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets `role`.
    pub(crate) fn role(mut self, value: impl ::core::convert::Into<Role>) -> Self {
        let __value: Role = ::core::convert::Into::into(value);
        self.0.set("role", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Builds the changeset without running it: casts the input, applies
    /// defaults and changes, runs validations. Errors stay on the changeset.
    pub(crate) fn changeset(
        self,
        domain: &::resource::__private::Domain,
    ) -> ::resource::__private::Changeset<Account> {
        self.0.changeset(domain)
    }
    /// Runs the action and returns the stored record.
    ///
    /// # Errors
    ///
    /// `Error::Invalid` with every field error when the input is invalid.
    pub(crate) fn run(
        self,
        domain: &::resource::__private::Domain,
    ) -> ::resource::__private::Result<Account> {
        self.0.run(domain)
    }
}
/// Builder of the `update` action of [`Account`]: accepts `email`, `nickname`, `balance`, `score`, `role`.
#[must_use = "a builder does nothing until it is `run`"]
#[derive(::core::clone::Clone)]
pub(crate) struct AccountUpdate(::resource::__private::ActionInput<Account>);
#[automatically_derived]
impl ::core::fmt::Debug for AccountUpdate {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter.debug_struct("AccountUpdate").finish_non_exhaustive()
    }
}
impl AccountUpdate {
    /// Sets `email`.
    ///
    /// The address we write to
    pub(crate) fn email(mut self, value: impl ::core::convert::Into<CiString>) -> Self {
        let __value: CiString = ::core::convert::Into::into(value);
        self.0.set("email", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets `nickname`.
    pub(crate) fn nickname(self, value: impl ::core::convert::Into<String>) -> Self {
        self.nickname_opt(
            ::core::option::Option::Some(::core::convert::Into::into(value)),
        )
    }
    /// Sets `nickname`.
    ///
    /// `None` sets it to nil.
    pub(crate) fn nickname_opt(mut self, value: ::core::option::Option<String>) -> Self {
        self.0.set("nickname", ::resource::__private::AttributeValue::into_value(value));
        self
    }
    /// Sets `balance`.
    pub(crate) fn balance(mut self, value: impl ::core::convert::Into<Decimal>) -> Self {
        let __value: Decimal = ::core::convert::Into::into(value);
        self.0
            .set("balance", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets `score`.
    pub(crate) fn score(mut self, value: impl ::core::convert::Into<f64>) -> Self {
        let __value: f64 = ::core::convert::Into::into(value);
        self.0.set("score", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets `role`.
    pub(crate) fn role(mut self, value: impl ::core::convert::Into<Role>) -> Self {
        let __value: Role = ::core::convert::Into::into(value);
        self.0.set("role", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Builds the changeset without running it: casts the input, applies
    /// defaults and changes, runs validations. Errors stay on the changeset.
    pub(crate) fn changeset(
        self,
        domain: &::resource::__private::Domain,
    ) -> ::resource::__private::Changeset<Account> {
        self.0.changeset(domain)
    }
    /// Runs the action and returns the stored record.
    ///
    /// # Errors
    ///
    /// `Error::Invalid` with every field error when the input is invalid.
    pub(crate) fn run(
        self,
        domain: &::resource::__private::Domain,
    ) -> ::resource::__private::Result<Account> {
        self.0.run(domain)
    }
}
/// Field handles of [`Account`] for filters and sorts: `account::<attribute>.eq(..)`, `account::<attribute>.asc()`.
#[allow(non_upper_case_globals, unused_qualifications)]
pub(crate) mod account {
    #[allow(unused_imports, clippy::wildcard_imports)]
    use super::*;
    /// The `id` attribute.
    pub const id: ::resource::__private::Field<super::Account, i64> = ::resource::__private::Field::new(
        "id",
    );
    /// The `email` attribute.
    ///
    /// The address we write to
    pub const email: ::resource::__private::Field<super::Account, CiString> = ::resource::__private::Field::new(
        "email",
    );
    /// The `password_hash` attribute.
    pub const password_hash: ::resource::__private::Field<super::Account, String> = ::resource::__private::Field::new(
        "password_hash",
    );
    /// The `nickname` attribute.
    pub const nickname: ::resource::__private::Field<super::Account, String> = ::resource::__private::Field::new(
        "nickname",
    );
    /// The `balance` attribute.
    pub const balance: ::resource::__private::Field<super::Account, Decimal> = ::resource::__private::Field::new(
        "balance",
    );
    /// The `score` attribute.
    pub const score: ::resource::__private::Field<super::Account, f64> = ::resource::__private::Field::new(
        "score",
    );
    /// The `role` attribute.
    pub const role: ::resource::__private::Field<super::Account, Role> = ::resource::__private::Field::new(
        "role",
    );
    /// The `version` attribute.
    pub const version: ::resource::__private::Field<super::Account, i64> = ::resource::__private::Field::new(
        "version",
    );
    /// The `inserted_at` attribute.
    pub const inserted_at: ::resource::__private::Field<
        super::Account,
        ::resource::__private::chrono::DateTime<::resource::__private::chrono::Utc>,
    > = ::resource::__private::Field::new("inserted_at");
    /// The `updated_at` attribute.
    pub const updated_at: ::resource::__private::Field<
        super::Account,
        ::resource::__private::chrono::DateTime<::resource::__private::chrono::Utc>,
    > = ::resource::__private::Field::new("updated_at");
}
/// The field handles of [`Account`], one per attribute: what the closures of
/// `Account::read().filter(expr!(..))` and `.filter(|f| f.<attribute>.eq(..))` receive.
#[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy)]
pub(crate) struct AccountFields {
    /// The `id` attribute.
    pub id: ::resource::__private::Field<Account, i64>,
    /// The `email` attribute.
    pub email: ::resource::__private::Field<Account, CiString>,
    /// The `password_hash` attribute.
    pub password_hash: ::resource::__private::Field<Account, String>,
    /// The `nickname` attribute.
    pub nickname: ::resource::__private::Field<Account, String>,
    /// The `balance` attribute.
    pub balance: ::resource::__private::Field<Account, Decimal>,
    /// The `score` attribute.
    pub score: ::resource::__private::Field<Account, f64>,
    /// The `role` attribute.
    pub role: ::resource::__private::Field<Account, Role>,
    /// The `version` attribute.
    pub version: ::resource::__private::Field<Account, i64>,
    /// The `inserted_at` attribute.
    pub inserted_at: ::resource::__private::Field<
        Account,
        ::resource::__private::chrono::DateTime<::resource::__private::chrono::Utc>,
    >,
    /// The `updated_at` attribute.
    pub updated_at: ::resource::__private::Field<
        Account,
        ::resource::__private::chrono::DateTime<::resource::__private::chrono::Utc>,
    >,
}
#[automatically_derived]
impl ::resource::__private::ResourceFields for Account {
    type Fields = AccountFields;
    fn fields() -> &'static AccountFields {
        static __FIELDS: AccountFields = AccountFields {
            id: ::resource::__private::Field::new("id"),
            email: ::resource::__private::Field::new("email"),
            password_hash: ::resource::__private::Field::new("password_hash"),
            nickname: ::resource::__private::Field::new("nickname"),
            balance: ::resource::__private::Field::new("balance"),
            score: ::resource::__private::Field::new("score"),
            role: ::resource::__private::Field::new("role"),
            version: ::resource::__private::Field::new("version"),
            inserted_at: ::resource::__private::Field::new("inserted_at"),
            updated_at: ::resource::__private::Field::new("updated_at"),
        };
        &__FIELDS
    }
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("id") }>
for Account {
    type Type = i64;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("email") }>
for Account {
    type Type = CiString;
}
#[automatically_derived]
impl ::resource::__private::FieldType<
    { ::resource::__private::field_key("password_hash") },
> for Account {
    type Type = String;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("nickname") }>
for Account {
    type Type = String;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("balance") }>
for Account {
    type Type = Decimal;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("score") }>
for Account {
    type Type = f64;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("role") }>
for Account {
    type Type = Role;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("version") }>
for Account {
    type Type = i64;
}
#[automatically_derived]
impl ::resource::__private::FieldType<
    { ::resource::__private::field_key("inserted_at") },
> for Account {
    type Type = ::resource::__private::chrono::DateTime<
        ::resource::__private::chrono::Utc,
    >;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("updated_at") }>
for Account {
    type Type = ::resource::__private::chrono::DateTime<
        ::resource::__private::chrono::Utc,
    >;
}
