/// A product in the shop.
#[derive(
    ::core::fmt::Debug,
    ::core::clone::Clone,
    ::core::cmp::PartialEq,
    ::resource::__private::serde::Serialize,
    ::resource::__private::serde::Deserialize,
)]
#[serde(crate = "::resource::__private::serde")]
pub struct Product {
    #[serde(with = "::resource::__private::attribute_serde")]
    pub id: ::resource::__private::uuid::Uuid,
    #[serde(with = "::resource::__private::attribute_serde")]
    pub name: String,
    #[serde(with = "::resource::__private::attribute_serde")]
    pub price: Decimal,
}
#[automatically_derived]
impl ::resource::__private::IsResource for Product {
    type Itself = Self;
}
#[automatically_derived]
impl ::resource::__private::Resource for Product {
    #[allow(clippy::too_many_lines)]
    fn info() -> &'static ::resource::__private::ResourceInfo {
        static __INFO: ::resource::__private::ResourceInfo = ::resource::__private::ResourceInfo {
            name: "Product",
            short_name: "product",
            description: ::core::option::Option::Some("A product in the shop."),
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
                    name: "name",
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
                    name: "price",
                    ty: <Decimal as ::resource::__private::AttributeValue>::TYPE,
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
                    name: "unique_name",
                    keys: &["name"],
                    pre_check: true,
                    eager_check: false,
                    message: ::core::option::Option::None,
                    nils_distinct: true,
                    field_names: ::core::option::Option::None,
                },
            ],
            actions: &[
                ::resource::__private::ActionInfo {
                    name: "create",
                    kind: ::resource::__private::ActionKind::Create,
                    primary: true,
                    accept: &["name", "price"],
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
                    accept: &["name", "price"],
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
                ::core::clone::Clone::clone(&self.id),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.name),
            ),
            ::resource::__private::AttributeValue::into_value(
                ::core::clone::Clone::clone(&self.price),
            ),
        ])
    }
    fn from_row(row: ::resource::__private::Row) -> ::resource::__private::Result<Self> {
        let [__id, __name, __price]: [::resource::__private::Value; 3] = ::core::convert::TryFrom::try_from(
                row,
            )
            .map_err(|__row: ::resource::__private::Row| {
                ::resource::__private::Error::DataLayer(
                    ::std::format!(
                        "Product: a row has {} values, expected 3", __row.len()
                    ),
                )
            })?;
        ::core::result::Result::Ok(Product {
            id: ::resource::__private::field_from_value("Product", "id", __id)?,
            name: ::resource::__private::field_from_value("Product", "name", __name)?,
            price: ::resource::__private::field_from_value("Product", "price", __price)?,
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
        let __name = (&::resource::__private::Take::<String>::new()).take(values)?;
        let __price = (&::resource::__private::Take::<Decimal>::new()).take(values)?;
        ::core::result::Result::Ok(Product {
            id: match __id {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value("Product", "id", __value)?
                }
            },
            name: match __name {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value("Product", "name", __value)?
                }
            },
            price: match __price {
                ::resource::__private::Decoded::Typed(__value) => __value,
                ::resource::__private::Decoded::Value(__value) => {
                    ::resource::__private::field_from_value("Product", "price", __value)?
                }
            },
        })
    }
}
impl Product {
    /// Starts the `create` action: set its input on the [`ProductCreate`], then `run` it.
    pub fn create() -> ProductCreate {
        ProductCreate(::resource::__private::ActionInput::create("create"))
    }
    /// A query through the `read` action: add filters and sorts, then `run` it.
    pub fn read() -> ::resource::__private::Query<Product> {
        ::resource::__private::Query::new("read")
    }
    /// Starts the `update` action on this record: see [`ProductUpdate`].
    pub fn update(&self) -> ProductUpdate {
        ProductUpdate(::resource::__private::ActionInput::update("update", self))
    }
    /// Starts the `destroy` action on this record: see [`ProductDestroy`].
    pub fn destroy(&self) -> ProductDestroy {
        ProductDestroy(::resource::__private::ActionInput::destroy("destroy", self))
    }
    /// The record with this primary key (`id`).
    ///
    /// # Errors
    ///
    /// `Error::NotFound` if there is none.
    pub fn get(
        domain: &::resource::__private::Domain,
        id: impl ::core::convert::Into<::resource::__private::uuid::Uuid>,
    ) -> ::resource::__private::Result<Product> {
        ::resource::__private::Domain::get(
            domain,
            ::std::vec::Vec::from([
                ::resource::__private::AttributeValue::into_value(
                    ::core::convert::Into::<::resource::__private::uuid::Uuid>::into(id),
                ),
            ]),
        )
    }
    /// The record whose identity `unique_name` (`name`) has these values.
    ///
    /// # Errors
    ///
    /// `Error::NotFound` if there is none.
    pub fn get_by_unique_name(
        domain: &::resource::__private::Domain,
        name: impl ::core::convert::Into<String>,
    ) -> ::resource::__private::Result<Product> {
        ::resource::__private::Domain::get_by_identity(
            domain,
            "unique_name",
            ::std::vec::Vec::from([
                ::resource::__private::AttributeValue::into_value(
                    ::core::convert::Into::<String>::into(name),
                ),
            ]),
        )
    }
}
/// Builder of the `create` action of [`Product`]: accepts `name`, `price`.
#[must_use = "a builder does nothing until it is `run`"]
#[derive(::core::clone::Clone)]
pub struct ProductCreate(::resource::__private::ActionInput<Product>);
#[automatically_derived]
impl ::core::fmt::Debug for ProductCreate {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter.debug_struct("ProductCreate").finish_non_exhaustive()
    }
}
impl ProductCreate {
    /// Sets `name`.
    pub fn name(mut self, value: impl ::core::convert::Into<String>) -> Self {
        let __value: String = ::core::convert::Into::into(value);
        self.0.set("name", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets `price`.
    pub fn price(mut self, value: impl ::core::convert::Into<Decimal>) -> Self {
        let __value: Decimal = ::core::convert::Into::into(value);
        self.0.set("price", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Builds the changeset without running it: casts the input, applies
    /// defaults and changes, runs validations. Errors stay on the changeset.
    pub fn changeset(
        self,
        domain: &::resource::__private::Domain,
    ) -> ::resource::__private::Changeset<Product> {
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
    ) -> ::resource::__private::Result<Product> {
        self.0.run(domain)
    }
}
/// Builder of the `update` action of [`Product`]: accepts `name`, `price`.
#[must_use = "a builder does nothing until it is `run`"]
#[derive(::core::clone::Clone)]
pub struct ProductUpdate(::resource::__private::ActionInput<Product>);
#[automatically_derived]
impl ::core::fmt::Debug for ProductUpdate {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter.debug_struct("ProductUpdate").finish_non_exhaustive()
    }
}
impl ProductUpdate {
    /// Sets `name`.
    pub fn name(mut self, value: impl ::core::convert::Into<String>) -> Self {
        let __value: String = ::core::convert::Into::into(value);
        self.0.set("name", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Sets `price`.
    pub fn price(mut self, value: impl ::core::convert::Into<Decimal>) -> Self {
        let __value: Decimal = ::core::convert::Into::into(value);
        self.0.set("price", ::resource::__private::AttributeValue::into_value(__value));
        self
    }
    /// Builds the changeset without running it: casts the input, applies
    /// defaults and changes, runs validations. Errors stay on the changeset.
    pub fn changeset(
        self,
        domain: &::resource::__private::Domain,
    ) -> ::resource::__private::Changeset<Product> {
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
    ) -> ::resource::__private::Result<Product> {
        self.0.run(domain)
    }
}
/// Builder of the `destroy` action of [`Product`], which accepts no attributes.
#[must_use = "a builder does nothing until it is `run`"]
#[derive(::core::clone::Clone)]
pub struct ProductDestroy(::resource::__private::ActionInput<Product>);
#[automatically_derived]
impl ::core::fmt::Debug for ProductDestroy {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter.debug_struct("ProductDestroy").finish_non_exhaustive()
    }
}
impl ProductDestroy {
    /// Builds the changeset without running it: casts the input, applies
    /// defaults and changes, runs validations. Errors stay on the changeset.
    pub fn changeset(
        self,
        domain: &::resource::__private::Domain,
    ) -> ::resource::__private::Changeset<Product> {
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
/// Field handles of [`Product`] for filters and sorts: `product::<attribute>.eq(..)`, `product::<attribute>.asc()`.
#[allow(non_upper_case_globals, unused_qualifications)]
pub mod product {
    #[allow(unused_imports, clippy::wildcard_imports)]
    use super::*;
    /// The `id` attribute.
    pub const id: ::resource::__private::Field<
        super::Product,
        ::resource::__private::uuid::Uuid,
    > = ::resource::__private::Field::new("id");
    /// The `name` attribute.
    pub const name: ::resource::__private::Field<super::Product, String> = ::resource::__private::Field::new(
        "name",
    );
    /// The `price` attribute.
    pub const price: ::resource::__private::Field<super::Product, Decimal> = ::resource::__private::Field::new(
        "price",
    );
}
/// The field handles of [`Product`], one per attribute: what the closures of
/// `Product::read().filter(expr!(..))` and `.filter(|f| f.<attribute>.eq(..))` receive.
#[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy)]
pub struct ProductFields {
    /// The `id` attribute.
    pub id: ::resource::__private::Field<Product, ::resource::__private::uuid::Uuid>,
    /// The `name` attribute.
    pub name: ::resource::__private::Field<Product, String>,
    /// The `price` attribute.
    pub price: ::resource::__private::Field<Product, Decimal>,
}
#[automatically_derived]
impl ::resource::__private::ResourceFields for Product {
    type Fields = ProductFields;
    fn fields() -> &'static ProductFields {
        static __FIELDS: ProductFields = ProductFields {
            id: ::resource::__private::Field::new("id"),
            name: ::resource::__private::Field::new("name"),
            price: ::resource::__private::Field::new("price"),
        };
        &__FIELDS
    }
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("id") }>
for Product {
    type Type = ::resource::__private::uuid::Uuid;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("name") }>
for Product {
    type Type = String;
}
#[automatically_derived]
impl ::resource::__private::FieldType<{ ::resource::__private::field_key("price") }>
for Product {
    type Type = Decimal;
}
