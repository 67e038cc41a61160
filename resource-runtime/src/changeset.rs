//! Changesets (being written).
use std::marker::PhantomData;
use crate::action::ActionInput;
use crate::domain::Domain;
use crate::error::{Result, FieldError};
use crate::resource::Resource;

pub struct DynChangeset {}

pub struct Changeset<R> { _m: PhantomData<R>, pub(crate) inner: DynChangeset }

impl<R: Resource> Changeset<R> {
    pub(crate) fn from_input(_domain: &Domain, _input: ActionInput<R>) -> Self { todo!() }
    pub fn run(self) -> Result<R> { todo!() }
    pub fn run_destroy(self) -> Result<()> { todo!() }
    pub fn errors(&self) -> &[FieldError] { todo!() }
    pub fn is_valid(&self) -> bool { todo!() }
}
