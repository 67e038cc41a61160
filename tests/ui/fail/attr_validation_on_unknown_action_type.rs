use resource::{ActionContext, DynChangeset, FieldError, Validation};

pub struct Increasing {
    pub field: &'static str,
}

impl Validation for Increasing {
    fn validate(&self, _: &DynChangeset, _: &ActionContext<'_>) -> Result<(), FieldError> {
        Ok(())
    }
}

#[resource::resource]
#[validate(Increasing { field: "counter" }, on(updte))]
pub struct Tag {
    #[attribute(uuid_primary_key)]
    pub id: resource::Uuid,
    #[attribute(public)]
    pub counter: Option<i64>,
}

fn main() {}
