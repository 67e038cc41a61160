//! Custom changes, custom validations and action hooks, on every data layer:
//! their order (a log of calls), their options (`on`, `where`,
//! `only_when_valid`, `message`), when each hook runs relative to the write,
//! and that every failure point leaves the store as it was.

use std::cell::RefCell;

use resource::dsl::resource;
use resource::prelude::*;
use resource::{ActionContext, Change, DynChangeset, FieldError, Validation, Value};

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn log(entry: impl Into<String>) {
    LOG.with(|l| l.borrow_mut().push(entry.into()));
}

fn take_log() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// Logs its label.
struct Log(&'static str);

impl Change for Log {
    fn change(&self, _: &mut DynChangeset, _: &ActionContext<'_>) {
        log(self.0);
    }
}

/// `slug` from another attribute; a title without letters is an error.
struct Slugify {
    from: &'static str,
}

impl Change for Slugify {
    fn change(&self, changeset: &mut DynChangeset, _: &ActionContext<'_>) {
        log("slugify");
        let Some(title) = changeset.attribute::<String>(self.from) else { return };
        if title == "panic" {
            panic!("cannot slugify `panic`");
        }
        if !title.chars().any(char::is_alphabetic) {
            changeset.add_error(FieldError::invalid(self.from, "cannot be slugified"));
            return;
        }
        changeset.set_attribute("slug", Some(title.to_lowercase().replace(' ', "-")));
    }
}

/// One hook of each kind, logging the number of stored posts it sees; the
/// argument `fail` names the one that fails (`before`, `after`, `after_panic`).
fn hooks(changeset: &mut DynChangeset, _: &ActionContext<'_>) {
    log("hooks");
    let fail = changeset.argument::<String>("fail").unwrap_or_default();
    let (before, after) = (fail.clone(), fail);
    changeset.before_action(move |changeset, context| {
        log(format!("before_action sees {}", count(context.domain)));
        if before == "before" {
            changeset.add_error(FieldError::invalid("title", "stopped before the write"));
        }
        Ok(())
    });
    changeset.after_action(move |_, row, context| {
        log(format!("after_action sees {}", count(context.domain)));
        match after.as_str() {
            "after" => Err(resource::Error::invalid(FieldError::invalid("note", "stopped after the write"))),
            "after_panic" => panic!("after_action broke"),
            _ => {
                row[4] = Value::String("from after_action".into());
                Ok(())
            }
        }
    });
    changeset.after_transaction(|_, outcome, context| {
        log(format!("after_transaction ok={} sees {}", outcome.is_ok(), count(context.domain)));
        Ok(())
    });
}

fn count(domain: &Domain) -> usize {
    Post::read().run(domain).unwrap().len()
}

/// Seed 003's `Increasing`: on update the counter must grow.
struct Increasing {
    field: &'static str,
}

impl Validation for Increasing {
    fn validate(&self, changeset: &DynChangeset, _: &ActionContext<'_>) -> Result<(), FieldError> {
        if !changeset.is_changing(self.field) {
            return Ok(());
        }
        match (changeset.old_attribute::<i64>(self.field), changeset.attribute::<i64>(self.field)) {
            (Some(old), Some(new)) if new <= old => Err(FieldError::invalid(self.field, "must be greater than before")),
            _ => Ok(()),
        }
    }
}

fn no_bang(changeset: &DynChangeset, _: &ActionContext<'_>) -> Result<(), FieldError> {
    match changeset.attribute::<String>("title") {
        Some(title) if title.contains('!') => Err(FieldError::invalid("title", "no exclamation marks")),
        _ => Ok(()),
    }
}

resource! {
    pub Post {
        attributes {
            uuid_primary_key id;
            attribute title: String { allow_nil: false, public: true }
            attribute slug: Option<String> { public: true }
            attribute counter: i64 { default: 0, public: true }
            attribute note: Option<String> { public: true }
        }
        validations {
            validate Increasing { field: "counter" } on [update];
            validate no_bang where present(note);
            validate string_length(title, max: 12) { only_when_valid: true, message: "is too long" };
        }
        changes {
            change Log("resource-wide");
            change Log("resource-wide on destroy") on [destroy];
        }
        actions {
            default_accept [title, counter, note];
            defaults [read];
            create create {
                primary: true;
                argument fail: Option<String>;
                change Log("first");
                change Slugify { from: "title" };
                change hooks;
                change Log("last");
            }
            update update {
                primary: true;
                argument fail: Option<String>;
                change hooks;
            }
            destroy destroy {
                primary: true;
                argument fail: Option<String>;
                change hooks;
            }
        }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Post>())
}

/// Every post, in a stable order.
fn all(d: &Domain) -> Vec<Post> {
    let mut posts = Post::read().run(d).unwrap();
    posts.sort_by_key(|p| p.id);
    posts
}

on_every_layer!(domain;
    changes_and_hooks_run_in_order_around_the_write,
    typed_and_json_changesets_run_the_same_lifecycle,
    custom_validations_follow_on_where_and_only_when_valid,
    failures_before_the_write_leave_the_store_unchanged,
    failures_after_the_write_leave_the_store_unchanged,
);

fn changes_and_hooks_run_in_order_around_the_write(d: &Domain) {
    take_log();
    let post = Post::create().title("Hello World").run(d).unwrap();
    assert_eq!(
        take_log(),
        [
            "first",
            "slugify",
            "hooks",
            "last",
            "resource-wide",
            "before_action sees 0",
            "after_action sees 1",
            "after_transaction ok=true sees 1",
        ]
    );
    assert_eq!(post.slug.as_deref(), Some("hello-world"));
    assert_eq!(post.note.as_deref(), Some("from after_action"), "the after_action hook's record is returned");
    assert_eq!(all(d)[0].note, None, "what was written is not changed by it");

    post.update().counter(1).run(d).unwrap();
    assert_eq!(
        take_log(),
        ["hooks", "resource-wide", "before_action sees 1", "after_action sees 1", "after_transaction ok=true sees 1"]
    );
    post.destroy().run(d).unwrap();
    assert_eq!(
        take_log(),
        [
            "hooks",
            "resource-wide on destroy",
            "before_action sees 1",
            "after_action sees 0",
            "after_transaction ok=true sees 0"
        ]
    );
}

fn typed_and_json_changesets_run_the_same_lifecycle(d: &Domain) {
    take_log();
    let typed = Post::create().title("Same Path").counter(2).run(d).unwrap();
    let typed_log = take_log();
    let json = Changeset::<Post>::for_create(d, "create", &serde_json::json!({"title": "Same Path", "counter": "2"}))
        .run()
        .unwrap();
    assert_eq!(take_log()[..5], typed_log[..5], "the same changes, in the same order");
    assert_eq!((&typed.slug, typed.counter, &typed.note), (&json.slug, json.counter, &json.note));
    let error = Changeset::<Post>::for_create(d, "create", &serde_json::json!({"title": "!!"})).run().unwrap_err();
    assert_eq!(error.message_for("title"), Some("cannot be slugified"));
}

fn custom_validations_follow_on_where_and_only_when_valid(d: &Domain) {
    let post = Post::create().title("Counted").counter(5).run(d).unwrap();
    // `on [update]`: a create with any counter passes.
    Post::create().title("Low").counter(-1).run(d).unwrap();
    let error = post.update().counter(5).run(d).unwrap_err();
    assert_eq!(error.to_string(), "invalid input: counter: must be greater than before");
    assert_eq!(post.update().counter(6).run(d).unwrap().counter, 6);
    // `where present(note)`: without a note the bang is not checked.
    Post::create().title("Hi!").run(d).unwrap();
    let error = Post::create().title("Hi!").note("a note").run(d).unwrap_err();
    assert_eq!(error.message_for("title"), Some("no exclamation marks"));
    // `only_when_valid`: the length is checked only when nothing else failed.
    let error = Post::create().title("A very long title").run(d).unwrap_err();
    assert_eq!(error.to_string(), "invalid input: title: is too long");
    let error = Post::create().title("A very long title!").note("n").run(d).unwrap_err();
    assert_eq!(error.to_string(), "invalid input: title: no exclamation marks");
}

fn failures_before_the_write_leave_the_store_unchanged(d: &Domain) {
    let post = Post::create().title("Kept").run(d).unwrap();
    let before = all(d);
    take_log();
    // A change adding an error, a validation, a before_action hook, a panicking change.
    let error = Post::create().title("123").run(d).unwrap_err();
    assert_eq!(error.message_for("title"), Some("cannot be slugified"));
    assert!(take_log().iter().all(|e| !e.starts_with("before_action")), "an invalid changeset reaches no hook");
    let error = post.update().counter(-1).run(d).unwrap_err();
    assert_eq!(error.message_for("counter"), Some("must be greater than before"));
    let error = Post::create().title("Stopped").fail("before").run(d).unwrap_err();
    assert_eq!(error.to_string(), "invalid input: title: stopped before the write");
    assert_eq!(take_log().last().map(String::as_str), Some("after_transaction ok=false sees 1"));
    let error = post.update().title("Stopped").fail("before").run(d).unwrap_err();
    assert_eq!(error.message_for("title"), Some("stopped before the write"));
    let error = post.destroy().fail("before").run(d).unwrap_err();
    assert_eq!(error.message_for("title"), Some("stopped before the write"));
    let error = Post::create().title("panic").run(d).unwrap_err();
    assert_eq!(error.to_string(), "change Slugify of Post.create panicked: cannot slugify `panic`");
    assert_eq!(all(d), before);
    // The domain is still usable.
    Post::create().title("After").run(d).unwrap();
}

fn failures_after_the_write_leave_the_store_unchanged(d: &Domain) {
    let post = Post::create().title("Kept").run(d).unwrap();
    let before = all(d);
    take_log();
    for (fail, message) in [
        ("after", "invalid input: note: stopped after the write"),
        ("after_panic", "after_action hook of Post.create panicked: after_action broke"),
    ] {
        take_log();
        let error = Post::create().title("Gone").fail(fail).run(d).unwrap_err();
        assert_eq!(error.to_string(), message);
        assert_eq!(
            take_log()[5..],
            ["before_action sees 1", "after_action sees 2", "after_transaction ok=false sees 1"],
            "the hook saw the write, which was rolled back"
        );
        let error = post.update().title("Changed").fail(fail).run(d).unwrap_err();
        assert!(error.to_string().contains(&message.replace("create", "update")), "{error}");
        let error = post.destroy().fail(fail).run(d).unwrap_err();
        assert!(error.to_string().contains(&message.replace("create", "destroy")), "{error}");
        assert_eq!(all(d), before, "{fail}: nothing written");
    }
    take_log();
    Post::create().title("After").run(d).unwrap();
}
