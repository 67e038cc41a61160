//! Every attribute kind and option, identities, actions with arguments,
//! changes and validations, an `Atom` field: the generated code compiles,
//! and `main` builds values with it (nothing that needs a data layer).

#![deny(warnings)]

use resource::Value;
use resource::chrono::NaiveDate;
use resource::dsl::resource;
use resource::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Atom)]
pub enum Status {
    Draft,
    InReview,
    Published,
}

fn launch_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
}

resource! {
    /// An article of the magazine.
    pub Article {
        data_layer: Ets,
        attributes {
            uuid_primary_key id;
            /// The headline, as printed.
            attribute title: String {
                allow_nil: false,
                public: true,
                description: "The headline",
                constraints { min_length: 3, max_length: 120, match: "^[A-Z]", trim: true, allow_empty: false }
            }
            attribute slug: CiString { public: true }
            attribute body: Option<String> { public: true, constraints { allow_empty: true, trim: false } }
            attribute price: Decimal { public: true, default: 0, constraints { min: 0, max: 99.99 } }
            attribute rating: Option<f64> { public: true, constraints { greater_than: 0, less_than: 5.5 } }
            attribute views: i64 { public: true, writable: false, default: 0, constraints { min: 0 } }
            attribute status: Status { public: true, default: Status::Draft }
            attribute published_on: Option<NaiveDate> { public: true }
            attribute featured: bool { public: true, default: false }
            attribute api_key: String { sensitive: true, default: "secret" }
            attribute metadata: Option<serde_json::Value> { public: true }
            create_timestamp inserted_at;
            update_timestamp updated_at;
        }
        identities {
            identity unique_slug [slug] { pre_check: true, message: "is taken" }
            identity unique_title [title, status] { eager_check: true, nils_distinct: false, field_names: [title] }
        }
        validations {
            validate present([title, body], at_least: 1);
            validate absent(published_on) { on: [create] };
            validate string_length(title, max: 100) { message: "too long" };
            validate compare(price, greater_than_or_equal_to: 0, less_than: 1000);
            validate match(title, "[a-z]");
            validate one_of(status, [Status::Draft, Status::InReview, Status::Published]);
            validate attribute_does_not_equal(title, "untitled");
        }
        actions {
            default_accept *;
            defaults [create, read, update, destroy];
            create draft {
                accept [title, slug, body];
                require_attributes [body];
                argument author: String { allow_nil: false, constraints { min_length: 2 } }
                argument author_confirmation: String;
                argument notes: Option<String> { sensitive: true }
                argument rating_hint: f64 { default: 2.5 }
                change set_attribute(status, Status::Draft);
                change set_new_attribute(featured, true);
                change set_attribute(body, arg(notes));
                validate confirm(author, author_confirmation);
            }
            create import {
                accept [title, slug, price];
                upsert: true;
                upsert_identity: unique_slug;
                upsert_fields: [price];
            }
            update publish {
                accept [published_on];
                change set_attribute(status, Status::Published);
                change set_attribute(published_on, launch_day());
                validate attribute_equals(status, Status::InReview) { message: "must be reviewed first" };
            }
            update unpublish {
                accept [];
                change set_attribute(published_on, None);
            }
            read published {
                filter: expr(status == "published" && !is_nil(published_on) || views >= 10_000_000_000);
            }
            read by_slug {
                get: true;
                filter: expr(slug == ^"front-page");
            }
            read by_title_and_status { get_by: [title, status]; }
            read listing {
                filter: expr(!is_nil(published_on));
                pagination { offset: true, keyset: true, default_limit: 20, max_page_size: 100, countable: true }
            }
            destroy retract {
                validate attribute_does_not_equal(status, Status::Published);
            }
        }
    }
}

fn main() {
    // Builders: setters exist for what each action accepts and its arguments.
    let _create = Article::create()
        .title("Hello")
        .slug(CiString::new("hello"))
        .body("text")
        .body_opt(None)
        .price(Decimal::new(499, 2))
        .rating(4.5)
        .status(Status::InReview)
        .published_on(launch_day())
        .featured(true)
        .metadata(serde_json::json!({ "tags": ["a"] }));
    let _draft = Article::draft()
        .title("Hello")
        .slug(CiString::new("hello"))
        .body("text")
        .author("Ann")
        .author_confirmation("Ann")
        .notes("private")
        .rating_hint(3.0);
    let _import = Article::import().title("Imported").slug(CiString::new("imported")).price(Decimal::ONE);
    // `get_by` reads one record; a paginated read reads pages.
    let _by: fn(&Domain, &str, Status) -> resource::Result<Article> = |d, t, s| Article::by_title_and_status(d, t, s);
    let _page = |d: &Domain| Article::listing().page(d, PageRequest::offset(10, 20).with_count());

    // A record, its row and back, and the update / destroy builders on it.
    let record = Article {
        id: Uuid::new_v4(),
        title: "Hello".to_string(),
        slug: CiString::new("hello"),
        body: None,
        price: Decimal::new(1, 0),
        rating: Some(4.0),
        views: 0,
        status: Status::Draft,
        published_on: None,
        featured: false,
        api_key: "hush".to_string(),
        metadata: None,
        inserted_at: resource::chrono::Utc::now(),
        updated_at: resource::chrono::Utc::now(),
    };
    let row = record.to_row();
    assert_eq!(row.len(), 14);
    assert_eq!(row[7], Value::Atom("draft".to_string()));
    assert_eq!(Article::from_row(row).unwrap(), record);
    assert!(Article::from_row(vec![Value::Nil]).is_err());
    assert!(format!("{record:?}").contains("**redacted**"));
    assert!(!format!("{record:?}").contains("hush"));
    let _update = record.update().title("Renamed").body("More");
    let _publish = record.publish().published_on(launch_day()).published_on_opt(None);
    let _unpublish = record.unpublish();
    let _destroy = record.destroy();
    let _retract = record.retract();

    // Reads: `expr!`, field handles through the closure, and prebuilt expressions.
    let min_rating = 3.0;
    let _query = Article::read()
        .filter(expr!(title == "Hello" && rating > ^min_rating && status in [^Status::Published, "draft"]))
        .filter(|a| a.published_on.is_nil())
        .filter_expr(article::title.eq("Hello").and(article::rating.gt(3.0)))
        .filter_expr(article::status.eq(Status::Published))
        .sort(article::price.desc())
        .limit(10);
    let _published = Article::published();
    let _by_slug = Article::by_slug();
    let _get = |domain: &Domain| Article::get(domain, Uuid::nil());
    let _by_slug = |domain: &Domain| Article::get_by_unique_slug(domain, CiString::new("x"));
    let _by_title = |domain: &Domain| Article::get_by_unique_title(domain, "x", Status::Draft);

    // The static description.
    let info = Article::info();
    assert_eq!(info.name, "Article");
    assert_eq!(info.short_name, "article");
    assert_eq!(info.description, Some("An article of the magazine."));
    assert_eq!(info.attributes.len(), 14);
    let id = info.attribute("id").unwrap();
    assert!(id.primary_key && id.public && !id.writable && !id.allow_nil);
    assert!(matches!((id.default.unwrap())(), Value::Uuid(_)));
    let title = info.attribute("title").unwrap();
    assert_eq!(title.description, Some("The headline"));
    assert_eq!(title.constraints.max_length, Some(120));
    assert_eq!(title.constraints.pattern.unwrap().source, "^[A-Z]");
    let body = info.attribute("body").unwrap();
    assert!(body.allow_nil && !body.constraints.trim && body.constraints.allow_empty);
    let price = info.attribute("price").unwrap();
    assert_eq!((price.default.unwrap())(), Value::Decimal(Decimal::ZERO));
    assert_eq!(price.constraints.max, Some(resource::__private::Number::Decimal("99.99")));
    let status = info.attribute("status").unwrap();
    assert_eq!(status.ty, resource::__private::Type::Atom(&["draft", "in_review", "published"]));
    assert!(info.attribute("api_key").unwrap().sensitive);
    let updated_at = info.attribute("updated_at").unwrap();
    assert!(updated_at.update_default.is_some() && !updated_at.writable);
    assert_eq!(info.identities.len(), 2);
    assert_eq!(info.identities[1].error_fields(), &["title"]);
    assert_eq!(info.validations.len(), 7);

    let create = info.action("create").unwrap();
    assert!(create.primary);
    assert!(
        create.accept.contains(&"title") && !create.accept.contains(&"views") && !create.accept.contains(&"api_key")
    );
    let draft = info.action("draft").unwrap();
    assert_eq!(draft.accept, &["title", "slug", "body"]);
    assert_eq!(draft.arguments.len(), 4);
    assert!(!draft.arguments[0].allow_nil && draft.arguments[2].allow_nil && draft.arguments[2].sensitive);
    assert_eq!(draft.changes.len(), 3);
    let publish = info.action("publish").unwrap();
    match &publish.changes[1] {
        resource::__private::ChangeInfo::SetAttribute { attribute, value } => {
            assert_eq!(*attribute, "published_on");
            assert_eq!(value(), Value::Date(launch_day()));
        }
        other => panic!("unexpected change {other:?}"),
    }
    match &info.action("unpublish").unwrap().changes[0] {
        resource::__private::ChangeInfo::SetAttribute { value, .. } => assert_eq!(value(), Value::Nil),
        other => panic!("unexpected change {other:?}"),
    }
    let import = info.action("import").unwrap();
    assert!(import.upsert);
    assert_eq!(import.upsert_identity, Some("unique_slug"));
    let published = info.action("published").unwrap();
    assert!(published.filter.is_some());
    assert!(info.action("by_slug").unwrap().get);
}
