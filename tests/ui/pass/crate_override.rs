// `crate = ..` for users who rename the dependency: the generated code
// reaches the runtime through the path given (here a module re-exporting
// the facade, as serde's test_gen does), on both surfaces, in `expr!` and
// in `#[derive(Atom)]`. That no `::resource` path is left is checked by the
// expansion test `crate_override_rebases_every_path`.
mod renamed {
    pub use ::resource::*;
}

use renamed::dsl::resource;
use renamed::prelude::{Atom, Domain, Uuid, expr};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Atom)]
#[atom(crate = renamed)]
pub enum Status {
    Open,
    Closed,
}

resource! {
    pub Tag {
        crate: renamed;
        attributes {
            uuid_primary_key id;
            attribute name: String { public: true }
            attribute status: Status { public: true }
        }
        actions {
            default_accept [name, status];
            defaults [create, read];
        }
    }
}

#[renamed::prelude::resource(crate = "renamed")]
#[actions(default_accept(title), defaults(create, read))]
pub struct Note {
    #[attribute(uuid_primary_key)]
    pub id: Uuid,
    #[attribute(public)]
    pub title: String,
}

fn main() {
    let domain = Domain::new().register::<Tag>().register::<Note>().build().unwrap();
    let tag = Tag::create().name("a").status(Status::Open).run(&domain).unwrap();
    let open = Tag::read().filter(expr!(crate = renamed; status == ^Status::Open)).run(&domain).unwrap();
    assert_eq!(open.len(), 1);
    let _ = (tag.id, Note::create().title("n").run(&domain).unwrap().title);
}
