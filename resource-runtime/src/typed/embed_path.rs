//! Paths into embedded attributes through typed handles: `profile.first_name`
//! and `exists(tags, name == "rust")` in `expr!` (the handle of an embed
//! attribute leads to the embed's field handles, so rustc checks every
//! name), and `user::profile.at(|p| p.first_name)` to sort by one.

use crate::expr::tree::{BinaryOp, Expr, SortOrder};
use crate::typed::embedded::HoldsEmbed;
use crate::typed::field::{Field, Relation, Sort};
use crate::typed::resource::{AttributeValue, ResourceFields};

/// The embed's field handles from the handle of an attribute holding one.
impl<R, T: HoldsEmbed> Field<R, T>
where
    T::Embed: ResourceFields,
{
    /// The embedded resource's field handles: the next step of a path
    /// (`profile.first_name` in `expr!`).
    pub fn fields(&self) -> &'static <T::Embed as ResourceFields>::Fields {
        <T::Embed as ResourceFields>::fields()
    }

    /// A field inside the embed, as a handle of `R` to sort or filter by:
    /// `user::profile.at(|p| p.first_name).asc()`.
    pub fn at<U>(
        self,
        pick: impl FnOnce(&'static <T::Embed as ResourceFields>::Fields) -> Field<T::Embed, U>,
    ) -> EmbeddedField<R, U> {
        EmbeddedField::new(vec![self.name, pick(self.fields()).name])
    }
}

/// A field inside an embedded attribute of `R`, of type `T`:
/// `user::profile.at(|p| p.first_name)`.
pub struct EmbeddedField<R, T> {
    path: Vec<&'static str>,
    _marker: std::marker::PhantomData<fn() -> (R, T)>,
}

impl<R, T> Clone for EmbeddedField<R, T> {
    fn clone(&self) -> Self {
        EmbeddedField::new(self.path.clone())
    }
}

impl<R, T> std::fmt::Debug for EmbeddedField<R, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EmbeddedField({})", self.path.join("."))
    }
}

impl<R, T> EmbeddedField<R, T> {
    fn new(path: Vec<&'static str>) -> Self {
        EmbeddedField { path, _marker: std::marker::PhantomData }
    }

    fn sort(&self, order: SortOrder) -> Sort {
        Sort { field: self.path.join("."), order }
    }

    /// Sort by this field ascending, nils last (Ash's `:asc`).
    pub fn asc(&self) -> Sort {
        self.sort(SortOrder::Asc)
    }

    /// Sort by this field descending, nils first (Ash's `:desc`).
    pub fn desc(&self) -> Sort {
        self.sort(SortOrder::Desc)
    }

    /// Sort by this field ascending, nils first.
    pub fn asc_nils_first(&self) -> Sort {
        self.sort(SortOrder::AscNilsFirst)
    }

    /// Sort by this field descending, nils last.
    pub fn desc_nils_last(&self) -> Sort {
        self.sort(SortOrder::DescNilsLast)
    }
}

impl<R, T: HoldsEmbed> EmbeddedField<R, T>
where
    T::Embed: ResourceFields,
{
    /// A field one embed deeper: `user::profile.at(|p| p.address).at(|a| a.city)`.
    pub fn at<U>(
        self,
        pick: impl FnOnce(&'static <T::Embed as ResourceFields>::Fields) -> Field<T::Embed, U>,
    ) -> EmbeddedField<R, U> {
        let mut path = self.path;
        path.push(pick(<T::Embed as ResourceFields>::fields()).name);
        EmbeddedField::new(path)
    }
}

impl<R, T: AttributeValue> EmbeddedField<R, T> {
    fn compare(&self, op: BinaryOp, value: impl Into<T>) -> Expr {
        Expr::binary(op, self.into(), Expr::Value(value.into().into_value()))
    }

    /// `field == value` (nil when the field is nil).
    pub fn eq(&self, value: impl Into<T>) -> Expr {
        self.compare(BinaryOp::Eq, value)
    }

    /// `field != value` (nil when the field is nil).
    pub fn ne(&self, value: impl Into<T>) -> Expr {
        self.compare(BinaryOp::NotEq, value)
    }

    /// `field < value`.
    pub fn lt(&self, value: impl Into<T>) -> Expr {
        self.compare(BinaryOp::Lt, value)
    }

    /// `field > value`.
    pub fn gt(&self, value: impl Into<T>) -> Expr {
        self.compare(BinaryOp::Gt, value)
    }

    /// `is_nil(field)`: true or false, never nil.
    pub fn is_nil(&self) -> Expr {
        Expr::is_nil(self.into())
    }
}

/// The field as an expression: `Expr::Embedded` around its name.
impl<R, T> From<&EmbeddedField<R, T>> for Expr {
    fn from(field: &EmbeddedField<R, T>) -> Expr {
        nested(&field.path[..field.path.len() - 1], Expr::field(field.path[field.path.len() - 1]))
    }
}

impl<R, T> From<EmbeddedField<R, T>> for Expr {
    fn from(field: EmbeddedField<R, T>) -> Expr {
        Expr::from(&field)
    }
}

/// `inner` inside the single embeds `attributes`, outermost first.
fn nested(attributes: &[&str], inner: Expr) -> Expr {
    attributes.iter().rev().fold(inner, |inner, attribute| Expr::embedded(*attribute, inner))
}

/// The first step of a path (`a.b.c`) or of `exists(a, ..)` in `expr!`: a
/// relationship (`Expr::Path`, an aggregate) or an embedded attribute
/// (`Expr::Embedded`, `Expr::AnyEmbedded`). Generated code calls it on
/// the first step's handle, so the handle's type decides.
#[diagnostic::on_unimplemented(
    message = "a path starts at a relationship or at an attribute holding an embedded resource, and `{Self}` is neither",
    label = "not a relationship or an embedded attribute"
)]
pub trait PathStart {
    /// `names.field`: `names` are the steps before the field.
    fn path(&self, names: &[&str], field: &'static str) -> Expr;
    /// `exists(names, filter)`.
    fn exists(&self, names: &[&str], filter: Option<Expr>) -> Expr;
}

impl<R, D> PathStart for Relation<R, D> {
    fn path(&self, names: &[&str], field: &'static str) -> Expr {
        Expr::path(names.iter().map(|s| s.to_string()).collect(), field)
    }

    fn exists(&self, names: &[&str], filter: Option<Expr>) -> Expr {
        Expr::exists(names, filter)
    }
}

/// Embeds hold no relationships: every step is an embedded attribute.
/// (The path's `.fields()` step checks that `T` holds an embed, in one
/// error at the name; no bound here to report it twice.)
impl<R, T> PathStart for Field<R, T> {
    fn path(&self, names: &[&str], field: &'static str) -> Expr {
        nested(names, Expr::field(field))
    }

    fn exists(&self, names: &[&str], filter: Option<Expr>) -> Expr {
        let (list, before) = names.split_last().expect("`exists` names a list");
        nested(before, Expr::any_embedded(*list, filter.unwrap_or(Expr::value(true))))
    }
}
