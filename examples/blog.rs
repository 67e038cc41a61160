//! A blog post with a custom change (a slug from the title), a custom
//! validation (seed 003's `Increasing`: an update must raise the revision)
//! and an after-action hook (an audit line, written in the same transaction).
//!
//! `cargo run --example blog`

use std::sync::Mutex;

use resource::dsl::resource;
use resource::prelude::*;
use resource::{ActionContext, Change, DynChangeset, FieldError, ResourceFields, Validation};

/// `slug` from `title`: lower case, words joined by `-`.
pub struct Slugify {
    pub from: &'static str,
}

impl Change for Slugify {
    fn change(&self, changeset: &mut DynChangeset, _: &ActionContext<'_>) {
        if !changeset.is_changing(self.from) {
            return;
        }
        let Some(title) = changeset.attribute::<String>(self.from) else { return };
        let slug: Vec<String> = title
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect();
        if slug.is_empty() {
            changeset.add_error(FieldError::invalid(self.from, "needs a letter or a digit for its slug"));
        } else {
            changeset.set(Post::fields().slug, slug.join("-"));
        }
    }
}

/// Seed 003's `Increasing`: the field must be greater than before.
pub struct Increasing {
    pub field: &'static str,
}

impl Validation for Increasing {
    fn validate(&self, changeset: &DynChangeset, _: &ActionContext<'_>) -> Result<(), FieldError> {
        match (changeset.old_attribute::<i64>(self.field), changeset.attribute::<i64>(self.field)) {
            (Some(old), Some(new)) if new <= old => {
                Err(FieldError::invalid(self.field, format!("must be greater than {old}")))
            }
            _ => Ok(()),
        }
    }
}

/// What the after-action hook records.
static AUDIT: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Registers the audit hook: it runs inside the transaction, after the write.
fn audit(changeset: &mut DynChangeset, _: &ActionContext<'_>) {
    changeset.after_action(|changeset, row, _| {
        let post = Post::from_row(row.clone())?;
        AUDIT.lock().unwrap().push(format!("{} {} (revision {})", changeset.action.name, post.slug, post.revision));
        Ok(())
    });
}

resource! {
    pub Post {
        data_layer: Sqlite;
        attributes {
            uuid_primary_key id;
            attribute title: String { allow_nil: false, public: true }
            attribute slug: String { allow_nil: false, public: true }
            attribute revision: i64 { default: 1, public: true }
        }
        identities {
            identity unique_slug [slug] { message: "is already used by another post" }
        }
        validations {
            validate Increasing { field: "revision" } on [update];
        }
        changes {
            change Slugify { from: "title" };
            change audit;
        }
        actions {
            default_accept [title, revision];
            defaults [create, read, update, destroy];
        }
    }
}

fn main() -> resource::Result<()> {
    let blog = Domain::new().with_sqlite(Sqlite::memory()?).register::<Post>().build()?;

    let post = Post::create().title("Hello, Rust World!").run(&blog)?;
    println!("created: {} -> {}", post.title, post.slug);

    let edited = post.update().title("Hello again").revision(2).run(&blog)?;
    println!("edited:  {} -> {} (revision {})", edited.title, edited.slug, edited.revision);

    let stale = edited.update().title("An old draft").revision(1).run(&blog).unwrap_err();
    println!("stale edit refused:\n{stale}\n");

    let no_slug = Post::create().title("!!!").run(&blog).unwrap_err();
    println!("no slug:\n{no_slug}\n");

    let taken = Post::create().title("hello again").run(&blog).unwrap_err();
    println!("same slug:\n{taken}\n");

    println!("audit (one line per committed write):");
    for line in AUDIT.lock().unwrap().iter() {
        println!("  {line}");
    }
    Ok(())
}
