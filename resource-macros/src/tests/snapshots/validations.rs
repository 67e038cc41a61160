#[derive(
    ::core::fmt::Debug,
    ::core::clone::Clone,
    ::core::cmp::PartialEq,
    ::resource::__private::serde::Serialize,
    ::resource::__private::serde::Deserialize,
)]
#[serde(crate = "::resource::__private::serde")]
pub struct Person {
    #[serde(with = "::resource::__private::attribute_serde")]
    pub id: ::resource::__private::uuid::Uuid,
    #[serde(with = "::resource::__private::attribute_serde")]
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(with = "::resource::__private::attribute_serde")]
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(with = "::resource::__private::attribute_serde")]
    pub email: String,
    #[serde(with = "::resource::__private::attribute_serde")]
    #[serde(default)]
    pub email_confirmation: Option<String>,
    #[serde(with = "::resource::__private::attribute_serde")]
    pub age: i64,
    #[serde(with = "::resource::__private::attribute_serde")]
    #[serde(default)]
    pub retired_at: Option<i64>,
    #[serde(with = "::resource::__private::attribute_serde")]
    pub kind: String,
}
#[automatically_derived]
impl ::resource::__private::IsResource for Person {
    type Itself = Self;
}
#[automatically_derived]
impl ::resource::__private::Resource for Person {
    #[allow(clippy::too_many_lines)]
    fn info() -> &'static ::resource::__private::ResourceInfo {
        static __INFO: ::resource::__private::ResourceInfo = ::resource::__private::ResourceInfo {
            name: "Person",
            short_name: "person",
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
                    name: "first_name",
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
                    name: "last_name",
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
                    name: "email",
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
                    name: "email_confirmation",
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
                    name: "age",
                    ty: <i64 as ::resource::__private::AttributeValue>::TYPE,
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
                    name: "retired_at",
                    ty: <Option<i64> as ::resource::__private::AttributeValue>::TYPE,
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
                    name: "kind",
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
            identities: &[],
            actions: &[
                ::resource::__private::ActionInfo {
                    name: "create",
                    kind: ::resource::__private::ActionKind::Create,
                    primary: true,
                    accept: &[
                        "first_name",
                        "last_name",
                        "email",
                        "email_confirmation",
                        "age",
                        "retired_at",
                        "kind",
                    ],
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
                    accept: &[
                        "first_name",
                        "last_name",
                        "email",
                        "email_confirmation",
                        "age",
                        "retired_at",
                        "kind",
                    ],
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
            validations: &[
                ::resource::__private::ValidationInfo {
                    rule: ::resource::__private::Validation::Present {
                        fields: &["first_name", "last_name"],
                        at_least: ::core::option::Option::Some(1),
                        at_most: ::core::option::Option::None,
                        exactly: ::core::option::Option::None,
                    },
                    on: ::resource::__private::ValidationInfo::DEFAULT_ON,
                    conditions: &[],
                    only_when_valid: false,
                    message: ::core::option::Option::None,
                },
                ::resource::__private::ValidationInfo {
                    rule: ::resource::__private::Validation::Absent {
                        fields: &["retired_at"],
                        at_least: ::core::option::Option::None,
                        at_most: ::core::option::Option::None,
                        exactly: ::core::option::Option::None,
                    },
                    on: &[::resource::__private::ActionKind::Create],
                    conditions: &[],
                    only_when_valid: false,
                    message: ::core::option::Option::None,
                },
                ::resource::__private::ValidationInfo {
                    rule: ::resource::__private::Validation::StringLength {
                        field: "email",
                        min: ::core::option::Option::Some(3),
                        max: ::core::option::Option::Some(200),
                        exact: ::core::option::Option::None,
                    },
                    on: ::resource::__private::ValidationInfo::DEFAULT_ON,
                    conditions: &[],
                    only_when_valid: false,
                    message: ::core::option::Option::None,
                },
                ::resource::__private::ValidationInfo {
                    rule: ::resource::__private::Validation::Match {
                        field: "email",
                        pattern: {
                            static __PATTERN: ::resource::__private::Pattern = ::resource::__private::Pattern::new(
                                "@",
                            );
                            &__PATTERN
                        },
                    },
                    on: ::resource::__private::ValidationInfo::DEFAULT_ON,
                    conditions: &[],
                    only_when_valid: false,
                    message: ::core::option::Option::Some("must be an email address"),
                },
                ::resource::__private::ValidationInfo {
                    rule: ::resource::__private::Validation::Compare {
                        field: "age",
                        greater_than: ::core::option::Option::Some(
                            ::resource::__private::Operand::Value(|| {
                                let __value: i64 = ::core::convert::Into::into(17);
                                ::resource::__private::AttributeValue::into_value(__value)
                            }),
                        ),
                        greater_than_or_equal_to: ::core::option::Option::None,
                        less_than: ::core::option::Option::Some(
                            ::resource::__private::Operand::Field("retired_at"),
                        ),
                        less_than_or_equal_to: ::core::option::Option::None,
                        is_equal: ::core::option::Option::None,
                    },
                    on: ::resource::__private::ValidationInfo::DEFAULT_ON,
                    conditions: &[],
                    only_when_valid: false,
                    message: ::core::option::Option::None,
                },
                ::resource::__private::ValidationInfo {
                    rule: ::resource::__private::Validation::OneOf {
                        field: "kind",
                        values: || ::std::vec::Vec::from([
                            {
                                let __value: String = ::core::convert::Into::into("staff");
                                ::resource::__private::AttributeValue::into_value(__value)
                            },
                            {
                                let __value: String = ::core::convert::Into::into("guest");
                                ::resource::__private::AttributeValue::into_value(__value)
                            },
                        ]),
                    },
                    on: ::resource::__private::ValidationInfo::DEFAULT_ON,
                    conditions: &[],
                    only_when_valid: false,
                    message: ::core::option::Option::None,
                },
                ::resource::__private::ValidationInfo {
                    rule: ::resource::__private::Validation::AttributeDoesNotEqual {
                        field: "kind",
                        value: || {
                            let __value: String = ::core::convert::Into::into("root");
                            ::resource::__private::AttributeValue::into_value(__value)
                        },
                    },
                    on: &[
                        ::resource::__private::ActionKind::Create,
                        ::resource::__private::ActionKind::Update,
                    ],
                    conditions: &[],
                    only_when_valid: false,
                    message: ::core::option::Option::None,
                },
                ::resource::__private::ValidationInfo {
                    rule: ::resource::__private::Validation::Confirm {
                        field: "email",
                        confirmation: "email_confirmation",
                    },
                    on: ::resource::__private::ValidationInfo::DEFAULT_ON,
                    conditions: &[],
                    only_when_valid: false,
                    message: ::core::option::Option::None,
                },
            ],
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
                ::core::clone::Clone::clone(&self.first_name),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.last_name),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.email),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.email_confirmation),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.age),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.retired_at),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.kind),
            ),
        ])
    }
    fn from_row(row: ::resource::__private::Row) -> ::resource::__private::Result<Self> {
        let [__id, __first_name, __last_name, __email, __email_confirmation, __age,
        __retired_at, __kind]: [::resource::__private::Value; 8] = ::core::convert::TryFrom::try_from(
                row,
            )
            .map_err(|__row: ::resource::__private::Row| {
                ::resource::__private::Error::DataLayer(
                    ::std::format!(
                        "Person: a row has {} values, expected 8", __row.len()
                    ),
                )
            })?;
        ::core::result::Result::Ok(Person {
            id: ::resource::__private::field_from_value("Person", "id", __id)?,
            first_name: ::resource::__private::field_from_value(
                "Person",
                "first_name",
                __first_name,
            )?,
            last_name: ::resource::__private::field_from_value(
                "Person",
                "last_name",
                __last_name,
            )?,
            email: ::resource::__private::field_from_value("Person", "email", __email)?,
            email_confirmation: ::resource::__private::field_from_value(
                "Person",
                "email_confirmation",
                __email_confirmation,
            )?,
            age: ::resource::__private::field_from_value("Person", "age", __age)?,
            retired_at: ::resource::__private::field_from_value(
                "Person",
                "retired_at",
                __retired_at,
            )?,
            kind: ::resource::__private::field_from_value("Person", "kind", __kind)?,
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
        let __first_name = (&::resource::__private::Take::<Option<String>>::new())
            .take(values)?;
        let __last_name = (&::resource::__private::Take::<Option<String>>::new())
            .take(values)?;
        let __email = (&::resource::__private::Take::<String>::new()).take(values)?;
        let __email_confirmation = (&::resource::__private::Take::<
            Option<String>,
        >::new())
            .take(values)?;
        let __age = (&::resource::__private::Take::<i64>::new()).take(values)?;
        let __retired_at = (&::resource::__private::Take::<Option<i64>>::new())
            .take(values)?;
        let __kind = (&::resource::__private::Take::<String>::new()).take(values)?;
        ::core::result::Result::Ok(Person {
            id: match __id {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value("Person", "id", __value)?
                }
            },
            first_name: match __first_name {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value(
                        "Person",
                        "first_name",
                        __value,
                    )?
                }
            },
            last_name: match __last_name {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value(
                        "Person",
                        "last_name",
                        __value,
                    )?
                }
            },
            email: match __email {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value("Person", "email", __value)?
                }
            },
            email_confirmation: match __email_confirmation {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value(
                        "Person",
                        "email_confirmation",
                        __value,
                    )?
                }
            },
            age: match __age {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value("Person", "age", __value)?
                }
            },
            retired_at: match __retired_at {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value(
                        "Person",
                        "retired_at",
                        __value,
                    )?
                }
            },
            kind: match __kind {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value("Person", "kind", __value)?
                }
            },
        })
    }
}
impl Person {
    /// Starts the `create` action: set its input on the [`PersonCreate`], then `run` it.
    pub fn create() -> PersonCreate {
        PersonCreate(::resource::__private::ActionInput::create("create"))
    }
    /// Starts the `update` action on this record: see [`PersonUpdate`].
    pub fn update(&self) -> PersonUpdate {
        PersonUpdate(::resource::__private::ActionInput::update("update", self))
    }
    /// The record with this primary key (`id`).
    ///
    /// # Errors
    ///
    /// `Error::NotFound` if there is none.
    pub fn get(
        domain: &::resource::__private::Domain,
        id: impl ::core::convert::Into<::resource::__private::uuid::Uuid>,
    ) -> ::resource::__private::Result<Person> {
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
/// Builder of the `create` action of [`Person`]: accepts `first_name`, `last_name`, `email`, `email_confirmation`, `age`, `retired_at`, `kind`.
#[must_use = "a builder does nothing until it is `run`"]
#[derive(::core::clone::Clone)]
pub struct PersonCreate(::resource::__private::ActionInput<Person>);
#[automatically_derived]
impl ::core::fmt::Debug for PersonCreate {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter.debug_struct("PersonCreate").finish_non_exhaustive()
    }
}
impl PersonCreate {
    /// Sets `first_name`.
    pub fn first_name(self, value: impl ::core::convert::Into<String>) -> Self {
        self.first_name_opt(
            ::core::option::Option::Some(::core::convert::Into::into(value)),
        )
    }
    /// Sets `first_name`.
    ///
    /// `None` sets it to nil.
    pub fn first_name_opt(mut self, value: ::core::option::Option<String>) -> Self {
        self.0
            .set("first_name", ::resource::__private::AttributeValue::into_value(value));
        self
    }
    /// Sets `last_name`.
    pub fn last_name(self, value: impl ::core::convert::Into<String>) -> Self {
        self.last_name_opt(
            ::core::option::Option::Some(::core::convert::Into::into(value)),
        )
    }
    /// Sets `last_name`.
    ///
    /// `None` sets it to nil.
    pub fn last_name_opt(mut self, value: ::core::option::Option<String>) -> Self {
        self.0
            .set("last_name", ::resource::__private::AttributeValue::into_value(value));
        self
    }
    /// Sets `email`.
    pub fn email(mut self, value: impl ::core::convert::Into<String>) -> Self {
        let __value: String = ::core::convert::Into::into(value);
        self.0.set("email", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets `email_confirmation`.
    pub fn email_confirmation(self, value: impl ::core::convert::Into<String>) -> Self {
        self.email_confirmation_opt(
            ::core::option::Option::Some(::core::convert::Into::into(value)),
        )
    }
    /// Sets `email_confirmation`.
    ///
    /// `None` sets it to nil.
    pub fn email_confirmation_opt(
        mut self,
        value: ::core::option::Option<String>,
    ) -> Self {
        self.0
            .set(
                "email_confirmation",
                ::resource::__private::AttributeValue::into_value(value),
            );
        self
    }
    /// Sets `age`.
    pub fn age(mut self, value: impl ::core::convert::Into<i64>) -> Self {
        let __value: i64 = ::core::convert::Into::into(value);
        self.0.set("age", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets `retired_at`.
    pub fn retired_at(self, value: impl ::core::convert::Into<i64>) -> Self {
        self.retired_at_opt(
            ::core::option::Option::Some(::core::convert::Into::into(value)),
        )
    }
    /// Sets `retired_at`.
    ///
    /// `None` sets it to nil.
    pub fn retired_at_opt(mut self, value: ::core::option::Option<i64>) -> Self {
        self.0
            .set("retired_at", ::resource::__private::AttributeValue::into_value(value));
        self
    }
    /// Sets `kind`.
    pub fn kind(mut self, value: impl ::core::convert::Into<String>) -> Self {
        let __value: String = ::core::convert::Into::into(value);
        self.0.set("kind", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Builds the changeset without running it: casts the input, applies
    /// defaults and changes, runs validations. Errors stay on the changeset.
    pub fn changeset(
        self,
        domain: &::resource::__private::Domain,
    ) -> ::resource::__private::Changeset<Person> {
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
    ) -> ::resource::__private::Result<Person> {
        self.0.run(domain)
    }
}
/// Builder of the `update` action of [`Person`]: accepts `first_name`, `last_name`, `email`, `email_confirmation`, `age`, `retired_at`, `kind`.
#[must_use = "a builder does nothing until it is `run`"]
#[derive(::core::clone::Clone)]
pub struct PersonUpdate(::resource::__private::ActionInput<Person>);
#[automatically_derived]
impl ::core::fmt::Debug for PersonUpdate {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter.debug_struct("PersonUpdate").finish_non_exhaustive()
    }
}
impl PersonUpdate {
    /// Sets `first_name`.
    pub fn first_name(self, value: impl ::core::convert::Into<String>) -> Self {
        self.first_name_opt(
            ::core::option::Option::Some(::core::convert::Into::into(value)),
        )
    }
    /// Sets `first_name`.
    ///
    /// `None` sets it to nil.
    pub fn first_name_opt(mut self, value: ::core::option::Option<String>) -> Self {
        self.0
            .set("first_name", ::resource::__private::AttributeValue::into_value(value));
        self
    }
    /// Sets `last_name`.
    pub fn last_name(self, value: impl ::core::convert::Into<String>) -> Self {
        self.last_name_opt(
            ::core::option::Option::Some(::core::convert::Into::into(value)),
        )
    }
    /// Sets `last_name`.
    ///
    /// `None` sets it to nil.
    pub fn last_name_opt(mut self, value: ::core::option::Option<String>) -> Self {
        self.0
            .set("last_name", ::resource::__private::AttributeValue::into_value(value));
        self
    }
    /// Sets `email`.
    pub fn email(mut self, value: impl ::core::convert::Into<String>) -> Self {
        let __value: String = ::core::convert::Into::into(value);
        self.0.set("email", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets `email_confirmation`.
    pub fn email_confirmation(self, value: impl ::core::convert::Into<String>) -> Self {
        self.email_confirmation_opt(
            ::core::option::Option::Some(::core::convert::Into::into(value)),
        )
    }
    /// Sets `email_confirmation`.
    ///
    /// `None` sets it to nil.
    pub fn email_confirmation_opt(
        mut self,
        value: ::core::option::Option<String>,
    ) -> Self {
        self.0
            .set(
                "email_confirmation",
                ::resource::__private::AttributeValue::into_value(value),
            );
        self
    }
    /// Sets `age`.
    pub fn age(mut self, value: impl ::core::convert::Into<i64>) -> Self {
        let __value: i64 = ::core::convert::Into::into(value);
        self.0.set("age", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets `retired_at`.
    pub fn retired_at(self, value: impl ::core::convert::Into<i64>) -> Self {
        self.retired_at_opt(
            ::core::option::Option::Some(::core::convert::Into::into(value)),
        )
    }
    /// Sets `retired_at`.
    ///
    /// `None` sets it to nil.
    pub fn retired_at_opt(mut self, value: ::core::option::Option<i64>) -> Self {
        self.0
            .set("retired_at", ::resource::__private::AttributeValue::into_value(value));
        self
    }
    /// Sets `kind`.
    pub fn kind(mut self, value: impl ::core::convert::Into<String>) -> Self {
        let __value: String = ::core::convert::Into::into(value);
        self.0.set("kind", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Builds the changeset without running it: casts the input, applies
    /// defaults and changes, runs validations. Errors stay on the changeset.
    pub fn changeset(
        self,
        domain: &::resource::__private::Domain,
    ) -> ::resource::__private::Changeset<Person> {
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
    ) -> ::resource::__private::Result<Person> {
        self.0.run(domain)
    }
}
/// Field handles of [`Person`] for filters and sorts: `person::<attribute>.eq(..)`, `person::<attribute>.asc()`.
#[allow(non_upper_case_globals, unused_qualifications)]
pub mod person {
    #[allow(unused_imports, clippy::wildcard_imports)]
    use super::*;
    /// The `id` attribute.
    pub const id: ::resource::__private::Field<
        super::Person,
        ::resource::__private::uuid::Uuid,
    > = ::resource::__private::Field::new("id");
    /// The `first_name` attribute.
    pub const first_name: ::resource::__private::Field<super::Person, String> = ::resource::__private::Field::new(
        "first_name",
    );
    /// The `last_name` attribute.
    pub const last_name: ::resource::__private::Field<super::Person, String> = ::resource::__private::Field::new(
        "last_name",
    );
    /// The `email` attribute.
    pub const email: ::resource::__private::Field<super::Person, String> = ::resource::__private::Field::new(
        "email",
    );
    /// The `email_confirmation` attribute.
    pub const email_confirmation: ::resource::__private::Field<super::Person, String> = ::resource::__private::Field::new(
        "email_confirmation",
    );
    /// The `age` attribute.
    pub const age: ::resource::__private::Field<super::Person, i64> = ::resource::__private::Field::new(
        "age",
    );
    /// The `retired_at` attribute.
    pub const retired_at: ::resource::__private::Field<super::Person, i64> = ::resource::__private::Field::new(
        "retired_at",
    );
    /// The `kind` attribute.
    pub const kind: ::resource::__private::Field<super::Person, String> = ::resource::__private::Field::new(
        "kind",
    );
}
/// The field handles of [`Person`], one per attribute: what the closures of
/// `Person::read().filter(expr!(..))` and `.filter(|f| f.<attribute>.eq(..))` receive.
#[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy)]
pub struct PersonFields {
    /// The `id` attribute.
    pub id: ::resource::__private::Field<Person, ::resource::__private::uuid::Uuid>,
    /// The `first_name` attribute.
    pub first_name: ::resource::__private::Field<Person, String>,
    /// The `last_name` attribute.
    pub last_name: ::resource::__private::Field<Person, String>,
    /// The `email` attribute.
    pub email: ::resource::__private::Field<Person, String>,
    /// The `email_confirmation` attribute.
    pub email_confirmation: ::resource::__private::Field<Person, String>,
    /// The `age` attribute.
    pub age: ::resource::__private::Field<Person, i64>,
    /// The `retired_at` attribute.
    pub retired_at: ::resource::__private::Field<Person, i64>,
    /// The `kind` attribute.
    pub kind: ::resource::__private::Field<Person, String>,
}
#[automatically_derived]
impl ::resource::__private::ResourceFields for Person {
    type Fields = PersonFields;
    fn fields() -> &'static PersonFields {
        static __FIELDS: PersonFields = PersonFields {
            id: ::resource::__private::Field::new("id"),
            first_name: ::resource::__private::Field::new("first_name"),
            last_name: ::resource::__private::Field::new("last_name"),
            email: ::resource::__private::Field::new("email"),
            email_confirmation: ::resource::__private::Field::new("email_confirmation"),
            age: ::resource::__private::Field::new("age"),
            retired_at: ::resource::__private::Field::new("retired_at"),
            kind: ::resource::__private::Field::new("kind"),
        };
        &__FIELDS
    }
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("id") }>
for Person {
    type Type = ::resource::__private::uuid::Uuid;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("first_name") }>
for Person {
    type Type = String;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("last_name") }>
for Person {
    type Type = String;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("email") }>
for Person {
    type Type = String;
}
#[automatically_derived]
impl ::resource::__private::FieldType<
    { ::resource::__private::field_key("email_confirmation") },
> for Person {
    type Type = String;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("age") }>
for Person {
    type Type = i64;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("retired_at") }>
for Person {
    type Type = i64;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("kind") }>
for Person {
    type Type = String;
}
