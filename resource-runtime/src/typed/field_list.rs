//! Several field handles of one resource as one argument: a builder's
//! `upsert_fields((member::name, member::score))`. Handles of different
//! value types do not fit in one array, so tuples (and `()`, no fields)
//! are lists too; the resource parameter keeps another resource's handles
//! out at compile time.

use crate::typed::field::Field;

/// A list of field handles of resource `R`: `()`, one handle, a tuple of
/// handles, or an array of handles of one type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a list of `{R}`'s field handles",
    label = "expected `()`, a field handle or a tuple of field handles of `{R}`",
    note = "write the handles of the resource's module, e.g. `(member::name, member::score)`, or `()` for none"
)]
pub trait FieldList<R> {
    /// The fields' names, in the order given.
    fn field_names(self) -> Vec<&'static str>;
}

impl<R> FieldList<R> for () {
    fn field_names(self) -> Vec<&'static str> {
        Vec::new()
    }
}

impl<R, T, K> FieldList<R> for Field<R, T, K> {
    fn field_names(self) -> Vec<&'static str> {
        vec![self.name]
    }
}

impl<R, T, K, const N: usize> FieldList<R> for [Field<R, T, K>; N] {
    fn field_names(self) -> Vec<&'static str> {
        self.iter().map(|field| field.name).collect()
    }
}

macro_rules! tuple_lists {
    ($($t:ident $v:ident),+) => {
        impl<R, $($t),+> FieldList<R> for ($(Field<R, $t>,)+) {
            fn field_names(self) -> Vec<&'static str> {
                let ($($v,)+) = self;
                vec![$($v.name),+]
            }
        }
    };
}

tuple_lists!(A a);
tuple_lists!(A a, B b);
tuple_lists!(A a, B b, C c);
tuple_lists!(A a, B b, C c, D d);
tuple_lists!(A a, B b, C c, D d, E e);
tuple_lists!(A a, B b, C c, D d, E e, F f);
tuple_lists!(A a, B b, C c, D d, E e, F f, G g);
tuple_lists!(A a, B b, C c, D d, E e, F f, G g, H h);
tuple_lists!(A a, B b, C c, D d, E e, F f, G g, H h, I i);
tuple_lists!(A a, B b, C c, D d, E e, F f, G g, H h, I i, J j);
tuple_lists!(A a, B b, C c, D d, E e, F f, G g, H h, I i, J j, K k);
tuple_lists!(A a, B b, C c, D d, E e, F f, G g, H h, I i, J j, K k, L l);

#[cfg(test)]
mod tests {
    use super::*;

    struct Member;
    const NAME: Field<Member, String> = Field::new("name");
    const SCORE: Field<Member, i64> = Field::new("score");

    #[test]
    fn lists_keep_the_order_given() {
        assert_eq!(FieldList::<Member>::field_names(()), Vec::<&str>::new());
        assert_eq!(NAME.field_names(), ["name"]);
        assert_eq!((SCORE, NAME).field_names(), ["score", "name"]);
        assert_eq!([NAME, NAME].field_names(), ["name", "name"]);
    }
}
