use resource::{ActionContext, DynChangeset, FieldError, Validation};

/// The counter must grow on update; its one option is `field`.
pub struct Increasing {
    pub field: &'static str,
}

impl Validation for Increasing {
    fn validate(&self, _: &DynChangeset, _: &ActionContext<'_>) -> Result<(), FieldError> {
        Ok(())
    }
}

#[resource::resource]
#[validate(Increasing { feild: "counter" }, on(update))]
pub struct Tag {
    #[attribute(uuid_primary_key)]
    pub id: resource::Uuid,
    #[attribute(public)]
    pub counter: i64,
}

fn main() {}
