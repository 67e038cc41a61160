#[automatically_derived]
impl ::resource::__private::Atom for Status {
    const NAMES: &'static [&'static str] = &["open", "in_progress", "closed"];
    const VARIANTS: &'static [Self] = &[Self::Open, Self::InProgress, Self::Closed];
    fn name(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::InProgress => "in_progress",
            Self::Closed => "closed",
        }
    }
}
#[automatically_derived]
impl ::resource::__private::AttributeValue for Status {
    const TYPE: ::resource::__private::Type = ::resource::__private::Type::Atom(
        <Self as ::resource::__private::Atom>::NAMES,
    );
    fn into_value(self) -> ::resource::__private::Value {
        ::resource::__private::Value::Atom(
            ::std::string::ToString::to_string(::resource::__private::Atom::name(self)),
        )
    }
    fn from_value(value: ::resource::__private::Value) -> ::core::option::Option<Self> {
        match value {
            ::resource::__private::Value::Atom(__name)
            | ::resource::__private::Value::String(__name) => {
                <Self as ::resource::__private::Atom>::from_name(&__name)
            }
            _ => ::core::option::Option::None,
        }
    }
}
#[automatically_derived]
impl ::core::convert::From<Status> for ::resource::__private::Value {
    fn from(value: Status) -> Self {
        ::resource::__private::AttributeValue::into_value(value)
    }
}
#[automatically_derived]
impl ::core::fmt::Display for Status {
    fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        __formatter.write_str(::resource::__private::Atom::name(*self))
    }
}
#[automatically_derived]
impl ::core::str::FromStr for Status {
    type Err = ::resource::__private::serde::de::value::Error;
    /// Parses a variant's name; the error names the accepted ones.
    fn from_str(name: &str) -> ::core::result::Result<Self, Self::Err> {
        <Self as ::resource::__private::Atom>::from_name(name)
            .ok_or_else(|| {
                <Self::Err as ::resource::__private::serde::de::Error>::unknown_variant(
                    name,
                    <Self as ::resource::__private::Atom>::NAMES,
                )
            })
    }
}
#[automatically_derived]
impl ::resource::__private::serde::Serialize for Status {
    fn serialize<__S>(
        &self,
        __serializer: __S,
    ) -> ::core::result::Result<__S::Ok, __S::Error>
    where
        __S: ::resource::__private::serde::Serializer,
    {
        __serializer.serialize_str(::resource::__private::Atom::name(*self))
    }
}
#[automatically_derived]
impl<'de> ::resource::__private::serde::Deserialize<'de> for Status {
    fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, __D::Error>
    where
        __D: ::resource::__private::serde::Deserializer<'de>,
    {
        let __name: ::std::string::String = ::resource::__private::serde::Deserialize::deserialize(
            __deserializer,
        )?;
        <Self as ::resource::__private::Atom>::from_name(&__name)
            .ok_or_else(|| {
                <__D::Error as ::resource::__private::serde::de::Error>::unknown_variant(
                    &__name,
                    <Self as ::resource::__private::Atom>::NAMES,
                )
            })
    }
}
