use resource::dsl::resource;
use resource::{ActionContext, DynChangeset, FieldError, Validation};

pub struct Increasing {
    pub field: &'static str,
}

impl Validation for Increasing {
    fn validate(&self, _: &DynChangeset, _: &ActionContext<'_>) -> Result<(), FieldError> {
        Ok(())
    }
}

resource! {
    pub Tag {
        attributes {
            uuid_primary_key id;
            attribute counter: i64 { public: true }
        }
        validations {
            validate Increasing { field: "counter" } on [updte];
        }
    }
}

fn main() {}
