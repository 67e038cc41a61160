//! Typed field handles (`product::name`) for filters and sorts.

use std::marker::PhantomData;

use crate::expr::tree::SortOrder;
use crate::expr::tree::{BinaryOp, Expr};
use crate::typed::resource::{AttributeValue, Resource, ResourceFields};

/// What a field handle names: an attribute (`K = Attribute`, the default)
/// or a calculation or aggregate (`Computed`), which `load` takes.
pub mod role {
    /// An attribute: always loaded.
    pub struct Attribute;
    /// A calculation or an aggregate: loaded on request.
    pub struct Computed;
}

/// A handle on attribute `name` of resource `R`, whose Rust type is `T`
/// (or, with `K = role::Computed`, on a calculation or aggregate).
pub struct Field<R, T, K = role::Attribute> {
    /// The field's name: an attribute (or a calculation or aggregate, which
    /// get handles too).
    pub name: &'static str,
    _marker: PhantomData<fn() -> (R, T)>,
    _role: PhantomData<fn() -> K>,
}

impl<R, T, K> Clone for Field<R, T, K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R, T, K> Copy for Field<R, T, K> {}

impl<R, T, K> std::fmt::Debug for Field<R, T, K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Field({})", self.name)
    }
}

/// One sort key of a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Sort {
    /// The attribute, calculation or aggregate sorted by.
    pub field: String,
    /// The direction and where nils go.
    pub order: SortOrder,
}

impl<R, T: AttributeValue, K> Field<R, T, K> {
    /// The handle on field `name`; generated code makes one per field.
    pub const fn new(name: &'static str) -> Self {
        Field { name, _marker: PhantomData, _role: PhantomData }
    }

    /// Sort by this field ascending, nils last (Ash's `:asc`).
    pub fn asc(self) -> Sort {
        Sort { field: self.name.to_string(), order: SortOrder::Asc }
    }

    /// Sort by this field descending, nils first (Ash's `:desc`).
    pub fn desc(self) -> Sort {
        Sort { field: self.name.to_string(), order: SortOrder::Desc }
    }

    /// Sort by this field ascending, nils first.
    pub fn asc_nils_first(self) -> Sort {
        Sort { field: self.name.to_string(), order: SortOrder::AscNilsFirst }
    }

    /// Sort by this field descending, nils last.
    pub fn desc_nils_last(self) -> Sort {
        Sort { field: self.name.to_string(), order: SortOrder::DescNilsLast }
    }

    fn compare(self, op: BinaryOp, value: impl Into<T>) -> Expr {
        Expr::binary(op, Expr::field(self.name), Expr::Value(value.into().into_value()))
    }

    /// `field == value` (nil when the field is nil).
    pub fn eq(self, value: impl Into<T>) -> Expr {
        self.compare(BinaryOp::Eq, value)
    }

    /// `field != value` (nil when the field is nil).
    pub fn ne(self, value: impl Into<T>) -> Expr {
        self.compare(BinaryOp::NotEq, value)
    }

    /// `field < value`.
    pub fn lt(self, value: impl Into<T>) -> Expr {
        self.compare(BinaryOp::Lt, value)
    }

    /// `field <= value`.
    pub fn le(self, value: impl Into<T>) -> Expr {
        self.compare(BinaryOp::Le, value)
    }

    /// `field > value`.
    pub fn gt(self, value: impl Into<T>) -> Expr {
        self.compare(BinaryOp::Gt, value)
    }

    /// `field >= value`.
    pub fn ge(self, value: impl Into<T>) -> Expr {
        self.compare(BinaryOp::Ge, value)
    }

    /// `is_nil(field)`: true or false, never nil.
    pub fn is_nil(self) -> Expr {
        Expr::IsNil(Box::new(Expr::field(self.name)))
    }
}

/// A handle on relationship `name` of resource `R`, whose destination is
/// `D`: `ticket::representative`. Loads it (`Ticket::read().load(ticket::representative)`),
/// and in `expr!` paths (`representative.name == "Joe"`) leads to the
/// destination's field handles, so rustc checks every step of a path.
pub struct Relation<R, D> {
    /// The relationship's name.
    pub name: &'static str,
    _marker: PhantomData<fn() -> (R, D)>,
}

impl<R, D> Clone for Relation<R, D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R, D> Copy for Relation<R, D> {}

impl<R, D> std::fmt::Debug for Relation<R, D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Relation({})", self.name)
    }
}

impl<R, D> Relation<R, D> {
    /// The handle on relationship `name`; generated code makes one per relationship.
    pub const fn new(name: &'static str) -> Self {
        Relation { name, _marker: PhantomData }
    }
}

impl<R, D: ResourceFields> Relation<R, D> {
    /// The destination's field handles: the next step of a path.
    pub fn fields(&self) -> &'static D::Fields {
        D::fields()
    }
}

/// Expressions from typed handles: what `expr!` expands to.
impl Expr {
    /// `expr!`'s closures, run against `R`'s field handles:
    /// `Expr::of::<Product>(expr!(price < 1))`.
    pub fn of<R: Resource>(build: impl FnOnce(&R::Fields) -> Expr) -> Expr {
        build(R::fields())
    }

    /// `representative.name` through the typed handles `expr!` writes:
    /// `Expr::related(&["representative"], fields.representative.fields().name)`.
    pub fn related<R, T, K>(path: &[&str], field: Field<R, T, K>) -> Expr {
        Expr::path(path.iter().map(|s| s.to_string()).collect(), field.name)
    }

    /// `exists(..)` through a typed relationship handle, with a filter over
    /// the destination's field handles: `Expr::exists_in(ticket::tags, |t| t.name.eq("bug"))`.
    pub fn exists_in<R, D: ResourceFields>(relation: Relation<R, D>, filter: impl FnOnce(&D::Fields) -> Expr) -> Expr {
        Expr::exists(&[relation.name], Some(filter(D::fields())))
    }
}

/// A field handle as an expression: a reference to its attribute.
impl<R, T, K> From<Field<R, T, K>> for Expr {
    fn from(field: Field<R, T, K>) -> Self {
        Expr::Ref(field.name.to_string())
    }
}
