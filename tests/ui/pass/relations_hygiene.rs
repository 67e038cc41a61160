//! Calculations, relationships and aggregates in both surfaces, in a module
//! that shadows the prelude and the runtime's names, with warnings denied:
//! the generated code names everything by absolute path and compiles clean.

#![deny(warnings)]

mod app {
    #![allow(dead_code)]

    use ::resource::dsl::resource;


    struct Option;
    struct Some;
    struct None;
    struct Result;
    struct Ok;
    struct Vec;
    struct Box;
    struct String;
    struct Loaded;
    struct Record;
    struct Relation;
    struct Field;
    struct FieldType;
    struct RelatedTo;
    struct Expr;
    mod core {}
    mod std {}

    resource! {
        pub Author {
            attributes {
                integer_primary_key id;
                attribute name: ::std::string::String { public: true }
            }
            relationships {
                has_many books: Book;
            }
            calculations {
                calculate shout: ::std::string::String = expr(upper(name) <> "!");
            }
            aggregates {
                count book_count: books;
                sum pages: books.pages;
                first title: books.title { sort: [title: desc] }
                list titles: books.title;
                avg mean_pages: books.pages;
                exists prolific: books { filter: expr(pages > 500) }
            }
            actions { default_accept [name]; defaults [create, read]; }
        }
    }

    #[::resource::resource]
    #[belongs_to(author: Author, attribute_type = i64)]
    #[calculate(label: ::std::string::String = expr(title <> " by " <> author.name))]
    #[actions(defaults(create, read), default_accept(title, pages, author_id))]
    pub struct Book {
        #[attribute(uuid_primary_key)]
        pub id: ::resource::Uuid,
        pub title: ::std::string::String,
        pub pages: i64,
    }

    pub fn check() {
        let _query = Author::read()
            .load(author::books.load(book::label))
            .load(author::book_count)
            .load("titles")
            .filter(::resource::expr!(book_count > 1 && exists(books, pages > 10)))
            .sort(author::pages.desc());
        let _books = Book::read().filter(::resource::expr!(author.name == "Ann")).load(book::author);
        let _create = Book::create().title("A").pages(1).author_id(1);
        let info = <Book as ::resource::Resource>::info();
        assert!(info.attribute("author_id").is_some());
        assert!(info.relationship("author").is_some());
    }
}

fn main() {
    app::check();
}
