//! Tracing (issue 9 item 6): one `action` span per action with the
//! resource, the action, its kind and the layer; each SQL statement a debug
//! event inside it, so a subscriber (axum's, tokio's) shows which action ran
//! which statement.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use resource::dsl::resource;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

mod sqlite_common;

use sqlite_common::{Layer as DataLayer, TestDomain, domain_on};

resource! {
    pub Note {
        attributes {
            uuid_primary_key id;
            attribute title: String { allow_nil: false, public: true }
        }
        identities {
            identity unique_title: [title];
        }
        actions {
            defaults [read, destroy];
            create create { accept [title]; }
            update rename { accept [title]; }
        }
    }
}

/// What a subscriber saw: each span's fields when it opened, and each
/// event as `<span fields> | <message and fields>`.
#[derive(Default, Clone)]
struct Seen(Arc<Mutex<Vec<String>>>);

#[derive(Default)]
struct Fields(String);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, "{}{}={value:?}", if self.0.is_empty() { "" } else { " " }, field.name());
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Seen {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, cx: Context<'_, S>) {
        let mut fields = Fields::default();
        attrs.record(&mut fields);
        if let Some(span) = cx.span(id) {
            span.extensions_mut().insert(format!("{}{{{}}}", attrs.metadata().name(), fields.0));
        }
    }

    fn on_event(&self, event: &Event<'_>, cx: Context<'_, S>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        let span = cx.event_span(event).and_then(|span| span.extensions().get::<String>().cloned());
        self.0.lock().unwrap().push(format!("{} | {}", span.unwrap_or_default(), fields.0));
    }
}

fn domain(layer: DataLayer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Note>())
}

/// The tests of this file run one at a time: tracing caches whether a
/// callsite is wanted across all threads' subscribers, so a statement run on
/// another test's thread while this one's subscriber is being set up could
/// be cached as unwanted and go unseen.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The events `f` emits, seen by a subscriber set for this thread only.
fn seen(f: impl FnOnce()) -> Vec<String> {
    let seen = Seen::default();
    let subscriber = tracing_subscriber::registry().with(seen.clone());
    tracing::subscriber::with_default(subscriber, f);
    seen.0.lock().unwrap().clone()
}

#[test]
fn each_statement_is_an_event_inside_its_actions_span() {
    let _serial = serial();
    let d = domain(DataLayer::Sqlite);
    let mut note = None;
    let events = seen(|| {
        note = Some(Note::create().title("first").run(&d).unwrap());
    });
    assert_eq!(events.len(), 1, "{events:#?}");
    let span = r#"action{resource="Note" action="create" kind="create" layer="sqlite"}"#;
    assert!(events[0].starts_with(&format!("{span} | message=INSERT INTO \"note\"")), "{events:#?}");
    assert!(events[0].contains(r#"params="#) && events[0].contains(r#""first""#), "{events:#?}");

    let note = note.unwrap();
    let events = seen(|| {
        Note::read().run(&d).unwrap();
        note.rename().title("second").run(&d).unwrap();
        Note::get_by_unique_title(&d, "second").unwrap();
    });
    let spans: Vec<&str> = events.iter().map(|e| e.split(" | ").next().unwrap()).collect();
    assert_eq!(
        spans,
        [
            r#"action{resource="Note" action="read" kind="read" layer="sqlite"}"#,
            r#"action{resource="Note" action="rename" kind="update" layer="sqlite"}"#,
            r#"action{resource="Note" action="get_by_identity" kind="read" layer="sqlite"}"#,
        ],
        "{events:#?}"
    );
    assert!(events[0].contains("message=SELECT"), "{events:#?}");
    // One statement: the record as read is what the row still holds (the
    // `UPDATE` requires it), so the updated row is not read back.
    assert!(events[1].contains(r#"message=UPDATE "note" SET "title" = ?1 WHERE "id" = ?2"#), "{events:#?}");
    assert!(events[2].contains("message=SELECT"), "{events:#?}");
}

#[test]
fn a_failed_action_is_traced_too_and_ets_runs_no_sql() {
    let _serial = serial();
    let d = domain(DataLayer::Sqlite);
    Note::create().title("taken").run(&d).unwrap();
    // The identity is checked by the unique index: the INSERT is the event.
    let events = seen(|| {
        Note::create().title("taken").run(&d).unwrap_err();
    });
    assert!(events.iter().all(|e| e.starts_with(r#"action{resource="Note" action="create""#)), "{events:#?}");
    assert!(!events.is_empty());

    let d = domain(DataLayer::Ets);
    let events = seen(|| {
        Note::create().title("in memory").run(&d).unwrap();
        Note::read().run(&d).unwrap();
    });
    assert!(events.is_empty(), "ETS emits no statement events: {events:#?}");
}
