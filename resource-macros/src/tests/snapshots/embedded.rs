#[derive(
    ::core::fmt::Debug,
    ::core::clone::Clone,
    ::core::cmp::PartialEq,
    ::resource::__private::serde::Serialize,
    ::resource::__private::serde::Deserialize,
)]
#[serde(crate = "::resource::__private::serde")]
pub struct Profile {
    #[serde(with = "::resource::__private::attribute_serde")]
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(with = "::resource::__private::attribute_serde")]
    pub visits: i64,
}
#[automatically_derived]
impl ::resource::__private::IsResource for Profile {
    type Itself = Self;
}
#[automatically_derived]
impl ::resource::__private::Resource for Profile {
    #[allow(clippy::too_many_lines)]
    fn info() -> &'static ::resource::__private::ResourceInfo {
        static __INFO: ::resource::__private::ResourceInfo = ::resource::__private::ResourceInfo {
            name: "Profile",
            short_name: "profile",
            description: ::core::option::Option::None,
            data_layer: ::resource::__private::DataLayerKind::Embedded,
            attributes: &[
                ::resource::__private::AttributeInfo {
                    name: "first_name",
                    ty: <Option<String> as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: true,
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
                    name: "visits",
                    ty: <i64 as ::resource::__private::AttributeValue>::TYPE,
                    allow_nil: false,
                    primary_key: false,
                    public: false,
                    writable: true,
                    sensitive: false,
                    generated: false,
                    description: ::core::option::Option::None,
                    default: ::core::option::Option::Some(|| {
                        let __value: i64 = ::core::convert::Into::into(0);
                        ::resource::__private::AttributeValue::into_value(__value)
                    }),
                    update_default: ::core::option::Option::None,
                    match_other_defaults: false,
                    constraints: ::resource::__private::Constraints::DEFAULT,
                },
            ],
            identities: &[],
            actions: &[
                ::resource::__private::ActionInfo {
                    name: "update",
                    kind: ::resource::__private::ActionKind::Update,
                    primary: true,
                    accept: &["first_name", "visits"],
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
                    name: "create",
                    kind: ::resource::__private::ActionKind::Create,
                    primary: true,
                    accept: &["first_name", "visits"],
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
                    name: "destroy",
                    kind: ::resource::__private::ActionKind::Destroy,
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
                ::core::clone::Clone::clone(&self.first_name),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.visits),
            ),
        ])
    }
    fn from_row(row: ::resource::__private::Row) -> ::resource::__private::Result<Self> {
        let [__first_name, __visits]: [::resource::__private::Value; 2] = ::core::convert::TryFrom::try_from(
                row,
            )
            .map_err(|__row: ::resource::__private::Row| {
                ::resource::__private::Error::DataLayer(
                    ::std::format!(
                        "Profile: a row has {} values, expected 2", __row.len()
                    ),
                )
            })?;
        ::core::result::Result::Ok(Profile {
            first_name: ::resource::__private::field_from_value(
                "Profile",
                "first_name",
                __first_name,
            )?,
            visits: ::resource::__private::field_from_value(
                "Profile",
                "visits",
                __visits,
            )?,
        })
    }
    fn from_values(
        values: &mut dyn ::resource::__private::RowValues,
    ) -> ::resource::__private::Result<Self> {
        use ::resource::__private::{TakeTyped as _, TakeValue as _};
        let __first_name = (&::resource::__private::Take::<Option<String>>::new())
            .take(values)?;
        let __visits = (&::resource::__private::Take::<i64>::new()).take(values)?;
        ::core::result::Result::Ok(Profile {
            first_name: match __first_name {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value(
                        "Profile",
                        "first_name",
                        __value,
                    )?
                }
            },
            visits: match __visits {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value(
                        "Profile",
                        "visits",
                        __value,
                    )?
                }
            },
        })
    }
}
impl Profile {
    /// Starts the `update` action on this record: see [`ProfileUpdate`].
    pub fn update(&self) -> ProfileUpdate {
        ProfileUpdate(::resource::__private::ActionInput::update("update", self))
    }
    /// Starts the `create` action: set its input on the [`ProfileCreate`], then `run` it.
    pub fn create() -> ProfileCreate {
        ProfileCreate(::resource::__private::ActionInput::create("create"))
    }
    /// A query through the `read` action: add filters and sorts, then `run` it.
    pub fn read() -> ::resource::__private::Query<Profile> {
        ::resource::__private::Query::new("read")
    }
    /// Starts the `destroy` action on this record: see [`ProfileDestroy`].
    pub fn destroy(&self) -> ProfileDestroy {
        ProfileDestroy(::resource::__private::ActionInput::destroy("destroy", self))
    }
}
/// Builder of the `update` action of [`Profile`]: accepts `first_name`, `visits`.
#[must_use = "a builder does nothing until it is `run`"]
#[derive(::core::clone::Clone)]
pub struct ProfileUpdate(::resource::__private::ActionInput<Profile>);
#[automatically_derived]
impl ::core::fmt::Debug for ProfileUpdate {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter.debug_struct("ProfileUpdate").finish_non_exhaustive()
    }
}
impl ProfileUpdate {
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
    /// Sets `visits`.
    pub fn visits(mut self, value: impl ::core::convert::Into<i64>) -> Self {
        let __value: i64 = ::core::convert::Into::into(value);
        self.0.set("visits", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Builds the changeset without running it: casts the input, applies
    /// defaults and changes, runs validations. Errors stay on the changeset.
    pub fn changeset(
        self,
        domain: &::resource::__private::Domain,
    ) -> ::resource::__private::Changeset<Profile> {
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
    ) -> ::resource::__private::Result<Profile> {
        self.0.run(domain)
    }
}
/// Builder of the `create` action of [`Profile`]: accepts `first_name`, `visits`.
#[must_use = "a builder does nothing until it is `run`"]
#[derive(::core::clone::Clone)]
pub struct ProfileCreate(::resource::__private::ActionInput<Profile>);
#[automatically_derived]
impl ::core::fmt::Debug for ProfileCreate {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter.debug_struct("ProfileCreate").finish_non_exhaustive()
    }
}
impl ProfileCreate {
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
    /// Sets `visits`.
    pub fn visits(mut self, value: impl ::core::convert::Into<i64>) -> Self {
        let __value: i64 = ::core::convert::Into::into(value);
        self.0.set("visits", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Builds the changeset without running it: casts the input, applies
    /// defaults and changes, runs validations. Errors stay on the changeset.
    pub fn changeset(
        self,
        domain: &::resource::__private::Domain,
    ) -> ::resource::__private::Changeset<Profile> {
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
    ) -> ::resource::__private::Result<Profile> {
        self.0.run(domain)
    }
}
/// Builder of the `destroy` action of [`Profile`], which accepts no attributes.
#[must_use = "a builder does nothing until it is `run`"]
#[derive(::core::clone::Clone)]
pub struct ProfileDestroy(::resource::__private::ActionInput<Profile>);
#[automatically_derived]
impl ::core::fmt::Debug for ProfileDestroy {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter.debug_struct("ProfileDestroy").finish_non_exhaustive()
    }
}
impl ProfileDestroy {
    /// Builds the changeset without running it: casts the input, applies
    /// defaults and changes, runs validations. Errors stay on the changeset.
    pub fn changeset(
        self,
        domain: &::resource::__private::Domain,
    ) -> ::resource::__private::Changeset<Profile> {
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
/// Field handles of [`Profile`] for filters and sorts: `profile::<attribute>.eq(..)`, `profile::<attribute>.asc()`.
#[allow(non_upper_case_globals, unused_qualifications)]
pub mod profile {
    #[allow(unused_imports, clippy::wildcard_imports)]
    use super::*;
    /// The `first_name` attribute.
    pub const first_name: ::resource::__private::Field<super::Profile, String> = ::resource::__private::Field::new(
        "first_name",
    );
    /// The `visits` attribute.
    pub const visits: ::resource::__private::Field<super::Profile, i64> = ::resource::__private::Field::new(
        "visits",
    );
}
/// The field handles of [`Profile`], one per attribute: what the closures of
/// `Profile::read().filter(expr!(..))` and `.filter(|f| f.<attribute>.eq(..))` receive.
#[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy)]
pub struct ProfileFields {
    /// The `first_name` attribute.
    pub first_name: ::resource::__private::Field<Profile, String>,
    /// The `visits` attribute.
    pub visits: ::resource::__private::Field<Profile, i64>,
}
#[automatically_derived]
impl ::resource::__private::ResourceFields for Profile {
    type Fields = ProfileFields;
    fn fields() -> &'static ProfileFields {
        static __FIELDS: ProfileFields = ProfileFields {
            first_name: ::resource::__private::Field::new("first_name"),
            visits: ::resource::__private::Field::new("visits"),
        };
        &__FIELDS
    }
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("first_name") }>
for Profile {
    type Type = String;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("visits") }>
for Profile {
    type Type = i64;
}
#[automatically_derived]
impl ::resource::__private::EmbeddedResource for Profile {
    const NAME: &'static str = "Profile";
    const NIL_VALUES: bool = false;
}
#[automatically_derived]
impl ::resource::__private::HoldsEmbed for Profile {
    type Embed = Self;
}
#[automatically_derived]
impl ::resource::__private::ExprValue for Profile {
    type Kind = ::resource::__private::kind::Json;
    fn into_value(self) -> ::resource::__private::Value {
        ::resource::__private::embedded_into_value(&self)
    }
}
#[automatically_derived]
impl ::resource::__private::AttributeValue for Profile {
    const TYPE: ::resource::__private::Type = ::resource::__private::embed_of::<
        Profile,
    >(false);
    fn into_value(self) -> ::resource::__private::Value {
        ::resource::__private::embedded_into_value(&self)
    }
    fn from_value(value: ::resource::__private::Value) -> ::core::option::Option<Self> {
        ::resource::__private::embedded_from_value(value)
    }
}
