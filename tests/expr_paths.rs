//! Paths through to-many relationships in filters (issue 8, item 5): Ash's
//! join semantics, "some related record matches", the same on every layer;
//! `exists(rel, ..)` with `parent(..)`, also nested; and both in a
//! resource's own `expr(..)` (a read action's filter, an aggregate's filter).

use resource::dsl::resource;
use resource::expr;
use resource::prelude::*;
use resource::{Expr, Query};

mod sqlite_common;

use sqlite_common::{Layer, TestDomain, domain_on};

resource! {
    pub Author {
        attributes {
            integer_primary_key id;
            attribute name: String { allow_nil: false, public: true }
            attribute threshold: i64 { allow_nil: false, public: true, default: 0 }
        }
        relationships {
            has_many posts: Post;
        }
        aggregates {
            count long_posts: posts { filter: expr(pages > parent(threshold)) }
            count well_commented: posts { filter: expr(comments.score >= 5) }
        }
        actions {
            default_accept [name, threshold];
            defaults [create, read];
            read praised { filter: expr(posts.comments.score >= 10); }
            read over_own_bar { filter: expr(exists(posts, pages > parent(threshold))); }
        }
        sqlite { table: "authors"; }
    }
}

resource! {
    pub Post {
        attributes {
            integer_primary_key id;
            attribute title: String { allow_nil: false, public: true }
            attribute pages: i64 { allow_nil: false, public: true }
        }
        relationships {
            belongs_to author: Author { attribute_type: i64 }
            has_many comments: Comment;
        }
        actions {
            default_accept [title, pages, author_id];
            defaults [create, read];
        }
        sqlite { table: "posts"; }
    }
}

resource! {
    pub Comment {
        attributes {
            integer_primary_key id;
            attribute body: String { allow_nil: false, public: true }
            attribute score: Option<i64> { public: true }
        }
        relationships {
            belongs_to post: Post { attribute_type: i64 }
        }
        actions {
            default_accept [body, score, post_id];
            defaults [create, read];
        }
        sqlite { table: "comments"; }
    }
}

fn domain(layer: Layer) -> TestDomain {
    domain_on(layer, |builder| builder.register::<Author>().register::<Post>().register::<Comment>())
}

on_every_layer!(domain;
    a_to_many_path_means_some_related_record,
    one_filter_is_about_one_related_record,
    exists_with_parent,
    resource_expressions_with_to_many_paths_and_parent,
    mistakes_are_errors_at_run_time
);

/// Ann (bar 3): "Long" (10 pages; comments "great" 10, "ok" 5) and "Short"
/// (2 pages; "meh" 1). Bob (bar 20): "Mid" (5 pages; a comment without
/// score). Cy (bar 0): no posts.
fn seed(d: &Domain) {
    let ann = Author::create().name("Ann").threshold(3).run(d).unwrap();
    let bob = Author::create().name("Bob").threshold(20).run(d).unwrap();
    Author::create().name("Cy").run(d).unwrap();
    let long = Post::create().title("Long").pages(10).author_id(ann.id).run(d).unwrap();
    let short = Post::create().title("Short").pages(2).author_id(ann.id).run(d).unwrap();
    let mid = Post::create().title("Mid").pages(5).author_id(bob.id).run(d).unwrap();
    Comment::create().body("great").score(10).post_id(long.id).run(d).unwrap();
    Comment::create().body("ok").score(5).post_id(long.id).run(d).unwrap();
    Comment::create().body("meh").score(1).post_id(short.id).run(d).unwrap();
    Comment::create().body("?").post_id(mid.id).run(d).unwrap();
}

fn names(authors: Vec<Author>) -> Vec<String> {
    authors.into_iter().map(|a| a.name).collect()
}

fn authors(d: &Domain, query: Query<Author>) -> Vec<String> {
    names(query.sort(author::name.asc()).run(d).unwrap())
}

fn a_to_many_path_means_some_related_record(d: &TestDomain) {
    seed(d);
    assert_eq!(authors(d, Author::read().filter(expr!(posts.title == "Short"))), ["Ann"]);
    assert_eq!(authors(d, Author::read().filter(expr!(posts.pages > 4))), ["Ann", "Bob"]);
    // Through two to-many steps, and a to-one step after one.
    assert_eq!(authors(d, Author::read().filter(expr!(posts.comments.score > 3))), ["Ann"]);
    assert_eq!(authors(d, Author::read().filter(expr!(posts.comments.body == "?"))), ["Bob"]);
    let titled = Comment::read().filter(expr!(post.author.posts.title == "Mid")).run(d).unwrap();
    assert_eq!(titled.into_iter().map(|c| c.body).collect::<Vec<_>>(), ["?"]);
    // `!` is inside the join: some post is titled otherwise (Cy has none: nil, dropped).
    assert_eq!(authors(d, Author::read().filter(expr!(!(posts.title == "Short")))), ["Ann", "Bob"]);
    // is_nil is true on the join's NULL row: an author without posts.
    assert_eq!(authors(d, Author::read().filter(expr!(is_nil(posts.title)))), ["Cy"]);
    assert_eq!(authors(d, Author::read().filter(expr!(posts.title == "Mid" || name == "Cy"))), ["Bob", "Cy"]);
}

fn one_filter_is_about_one_related_record(d: &TestDomain) {
    seed(d);
    // The same post: none is long and titled "Short".
    assert!(authors(d, Author::read().filter(expr!(posts.pages > 4 && posts.title == "Short"))).is_empty());
    // Two references in one comparison read the same post.
    assert_eq!(authors(d, Author::read().filter(expr!(posts.pages * 5 == posts.pages + 40))), ["Ann"]);
    // Several `.filter`s are one filter (Ash and-s them): still the same post.
    let both = Author::read().filter(expr!(posts.pages > 4)).filter(expr!(posts.title == "Short"));
    assert!(authors(d, both).is_empty());
    // Separate `exists` ask separately.
    assert_eq!(
        authors(d, Author::read().filter(expr!(exists(posts, pages > 4) && exists(posts, title == "Short")))),
        ["Ann"]
    );
    // The same comment scores 10 and is "great"; none scores 10 and is "ok".
    assert_eq!(
        authors(d, Author::read().filter(expr!(posts.comments.score == 10 && posts.comments.body == "great"))),
        ["Ann"]
    );
    assert!(
        authors(d, Author::read().filter(expr!(posts.comments.score == 10 && posts.comments.body == "ok"))).is_empty()
    );
}

fn exists_with_parent(d: &TestDomain) {
    seed(d);
    assert_eq!(authors(d, Author::read().filter(expr!(exists(posts, pages > parent(threshold))))), ["Ann"]);
    // Nested: parent(parent(..)) is the author.
    assert_eq!(
        authors(
            d,
            Author::read().filter(expr!(exists(
                posts,
                exists(comments, score > parent(parent(threshold)) && score < parent(pages))
            )))
        ),
        ["Ann"]
    );
    assert_eq!(
        authors(d, Author::read().filter(expr!(exists(posts.comments, score >= parent(threshold) + 2)))),
        ["Ann"]
    );
    let posts = Post::read().filter(expr!(exists(comments, parent(author.name) == "Bob"))).run(d).unwrap();
    assert_eq!(posts.into_iter().map(|p| p.title).collect::<Vec<_>>(), ["Mid"]);
    // A to-many path inside exists is about some record there too.
    assert_eq!(authors(d, Author::read().filter(expr!(exists(posts, comments.body == "meh")))), ["Ann"]);
}

fn resource_expressions_with_to_many_paths_and_parent(d: &TestDomain) {
    seed(d);
    assert_eq!(names(Author::praised().run(d).unwrap()), ["Ann"]);
    assert_eq!(names(Author::over_own_bar().run(d).unwrap()), ["Ann"]);
    let loaded =
        Author::read().load(author::long_posts).load(author::well_commented).sort(author::name.asc()).run(d).unwrap();
    let counts: Vec<(i64, i64)> = loaded.iter().map(|a| (*a.long_posts.unwrap(), *a.well_commented.unwrap())).collect();
    assert_eq!(counts, [(1, 1), (0, 0), (0, 0)]);
    let sorted = Author::read().filter(expr!(long_posts > 0)).run(d).unwrap();
    assert_eq!(names(sorted), ["Ann"]);
}

fn mistakes_are_errors_at_run_time(d: &TestDomain) {
    seed(d);
    let outside = Expr::binary(resource::BinaryOp::Gt, Expr::parent(Expr::field("threshold")), Expr::value(1));
    let err = Author::read().filter_expr(outside).run(d).unwrap_err();
    assert!(err.to_string().contains("parent(..) refers to the record outside"), "{err}");
    // A to-many path in a sort or a computed value has many values.
    let err = Author::read().filter(expr!(posts.title <> "" == "x" || true)).run(d);
    assert!(err.is_ok(), "in a filter it is fine: {err:?}");
    let value = Expr::path(vec!["posts".into()], "title");
    let err = Author::read().filter_expr(Expr::exists(&["posts"], Some(Expr::is_nil(Expr::parent(value))))).run(d);
    let err = err.unwrap_err();
    assert!(err.to_string().contains("`posts` is a has_many relationship: the path `posts` has many values"), "{err}");
}
