//! Calculations, relationships and aggregates: parsing (both surfaces give
//! one model), the attributes `belongs_to` defines, and the validator.

use quote::quote;

use super::attr::{attr_messages, parse_attr_ok};
use super::{messages, parse_ok};
use crate::model::{AggregateKind, RelationshipKind};

fn helpdesk() -> proc_macro2::TokenStream {
    quote! {
        pub Ticket {
            attributes {
                uuid_primary_key id: Uuid;
                attribute subject: String;
                attribute status: Status;
                attribute priority: i64;
            }
            relationships {
                /// Who answers it.
                belongs_to representative: Representative { public: true }
                has_many comments: Comment;
                many_to_many tags: Tag { through: TicketTag, destination_attribute_on_join_resource: tag_id }
                has_many reactions: Reaction { destination_attribute: resource_id, context: { table: "ticket_reactions" } }
            }
            calculations {
                calculate status_subject: String = expr(status <> ": " <> subject) { public: true, description: "shown" }
                calculate rep_name: Option<String> = expr(representative.name);
            }
            aggregates {
                count comment_count: comments { filter: expr(body != "") }
                sum total: comments.likes { default: 0 }
                first last_comment: comments.body { sort: [inserted_at: desc, body] }
                exists tagged: tags;
            }
            actions { defaults [read]; }
            sqlite { polymorphic: true; }
        }
    }
}

#[test]
fn sections_parse_into_the_model() {
    let resource = parse_ok(helpdesk());
    let rels: Vec<_> = resource.relationships.iter().map(|r| (r.ident.to_string(), r.kind)).collect();
    assert_eq!(
        rels,
        [
            ("representative".to_string(), RelationshipKind::BelongsTo),
            ("comments".into(), RelationshipKind::HasMany),
            ("tags".into(), RelationshipKind::ManyToMany),
            ("reactions".into(), RelationshipKind::HasMany),
        ]
    );
    assert_eq!(resource.relationships[0].attrs.len(), 1, "the doc comment");
    assert_eq!(resource.relationships[3].context_table.as_ref().unwrap().value(), "ticket_reactions");
    let calculation = &resource.calculations[0];
    assert_eq!(calculation.ident, "status_subject");
    assert!(calculation.public.unwrap().value);
    assert_eq!(calculation.description.as_ref().unwrap().value(), "shown");
    let aggregates: Vec<_> = resource
        .aggregates
        .iter()
        .map(|a| {
            let path: Vec<String> = a.path.iter().map(ToString::to_string).collect();
            (a.kind, path.join("."), a.field.as_ref().map(ToString::to_string))
        })
        .collect();
    assert_eq!(
        aggregates,
        [
            (AggregateKind::Count, "comments".to_string(), None),
            (AggregateKind::Sum, "comments".into(), Some("likes".into())),
            (AggregateKind::First, "comments".into(), Some("body".into())),
            (AggregateKind::Exists, "tags".into(), None),
        ]
    );
    let sort: Vec<String> = resource.aggregates[2]
        .sort
        .iter()
        .map(|k| format!("{}:{:?}", k.field, k.order.as_ref().map(ToString::to_string)))
        .collect();
    assert_eq!(sort, ["inserted_at:Some(\"desc\")", "body:None"]);
}

#[test]
fn belongs_to_defines_its_key_attribute() {
    let resource = parse_ok(helpdesk());
    let key = resource.attributes.iter().find(|a| a.ident == "representative_id").expect("defined");
    let ty = quote::ToTokens::to_token_stream(&key.ty).to_string().replace(' ', "");
    assert_eq!(
        ty, "::core::option::Option<::resource::__private::uuid::Uuid>",
        "a uuid, as Ash's default; the expansion checks it against the destination's key"
    );
    assert!(key.public.unwrap().value, "public as the relationship");
    // Declared already, or told not to: nothing is added.
    let declared = parse_ok(quote! {
        pub Ticket {
            attributes { uuid_primary_key id; attribute owner_id: i64; }
            relationships {
                belongs_to owner: User { source_attribute: owner_id, attribute_type: i64 }
                belongs_to team: Team { define_attribute: false, allow_nil: false }
            }
        }
    });
    let names: Vec<String> = declared.attributes.iter().map(|a| a.ident.to_string()).collect();
    assert_eq!(names, ["id", "owner_id"]);
    let typed = parse_ok(quote! {
        pub Ticket {
            attributes { uuid_primary_key id; }
            relationships { belongs_to owner: User { attribute_type: i64, allow_nil: false } }
        }
    });
    assert_eq!(quote::ToTokens::to_token_stream(&typed.attributes[1].ty).to_string(), "i64");
}

#[test]
fn both_surfaces_give_one_model() {
    let block = parse_ok(helpdesk());
    let attr = parse_attr_ok(
        quote!(),
        quote! {
            #[belongs_to(representative: Representative, public)]
            #[has_many(comments: Comment)]
            #[many_to_many(tags: Tag, through = TicketTag, destination_attribute_on_join_resource = tag_id)]
            #[has_many(reactions: Reaction, destination_attribute = resource_id, context(table = "ticket_reactions"))]
            #[calculate(status_subject: String = expr(status <> ": " <> subject), public, description = "shown")]
            #[calculate(rep_name: Option<String> = expr(representative.name))]
            #[aggregate(count comment_count: comments, filter = expr(body != ""))]
            #[aggregate(sum total: comments.likes, default = 0)]
            #[aggregate(first last_comment: comments.body, sort(inserted_at = desc, body))]
            #[aggregate(exists tagged: tags)]
            #[actions(defaults(read))]
            #[sqlite(polymorphic)]
            pub struct Ticket {
                #[attribute(uuid_primary_key)]
                pub id: Uuid,
                pub subject: String,
                pub status: Status,
                pub priority: i64,
            }
        },
    );
    // Doc comments exist only in the block form; compare the rest.
    let strip = |mut r: crate::model::Resource| {
        r.relationships.iter_mut().for_each(|rel| rel.attrs.clear());
        super::equivalence::normalised(&r)
    };
    let (block, attr) = (strip(block), strip(attr));
    let first = block.lines().zip(attr.lines()).position(|(b, a)| b != a);
    if let Some(first) = first {
        let context = |text: &str| text.lines().skip(first.saturating_sub(6)).take(12).collect::<Vec<_>>().join("\n");
        panic!("the surfaces differ at line {first}:\n--- block\n{}\n--- attr\n{}", context(&block), context(&attr));
    }
    assert_eq!(block, attr);
}

#[test]
fn mistakes_are_reported() {
    let errors = messages(quote! {
        pub Ticket {
            attributes { uuid_primary_key id; attribute subject: String; attribute priority: i64; }
            relationships {
                has_many comments: Comment;
                many_to_many tags: Tag;
                has_many subject: Other;
                belongs_to owner: User { allow_nil: false, define_attribute: false }
                has_many notes: Note { allow_nil: true, through: X }
            }
            calculations {
                calculate shout: String = expr(subjcet <> "!");
                calculate me: String = expr(me <> "");
                calculate rel: String = expr(comments);
                calculate many: String = expr(comments.body);
                calculate unknown: String = expr(author.name);
            }
            aggregates {
                count n: priority;
                sum total: comments;
                count c: commnts;
                exists e: comments { sort: [body: sideways] }
                count d: comments { default: 1 }
            }
        }
    });
    let expected = [
        "`subject` is already declared as an attribute; a relationship needs a name of its own",
        "unknown attribute `subjcet`; did you mean `subject`?",
        "calculation `me` names itself in its expression",
        "`comments` is a relationship; name one of its fields (`comments.name`), or test it with `exists(comments)`",
        "`comments` is a has_many relationship: a path through it has many values, and a calculation needs one; \
         test them with `exists(comments, ..)` or declare an aggregate (in a filter, `comments.field == ..` means some \
         related record matches)",
        "`author` is no relationship of this resource; the relationships are `comments`, `tags`, `subject`, `owner` and `notes`",
        "`priority` is not a relationship: an aggregate is over related records, as in `count n: tickets`",
        "`sum` aggregates a field: name it after the relationship, `sum total: comments.field`",
        "`commnts` is no relationship of this resource; did you mean `comments`?",
        "`sort` applies to `first` and `list` aggregates, not `exists`",
        "unknown sort order `sideways`",
        "`count` has a value even for no records; it takes no `default`",
        "many_to_many `tags` needs its join resource: `through: JoinResource`",
        "`through` applies to `many_to_many`, not `has_many`",
        "this option applies to `belongs_to`, not `has_many`",
        "relationship `owner` relates this resource's `owner_id`, which is no attribute of it",
    ];
    for message in expected {
        assert!(errors.iter().any(|e| e == message), "missing {message:?} in:\n{}", errors.join("\n"));
    }
}

#[test]
fn attribute_surface_mistakes() {
    let errors = attr_messages(
        quote!(),
        quote! {
            #[has_many(tickets: Ticket, destination_atribute = x)]
            #[aggregate(cnt n: tickets)]
            #[calculate(x: String = expr(nope))]
            pub struct Rep {
                #[attribute(uuid_primary_key)]
                pub id: Uuid,
            }
        },
    );
    let expected = [
        "unknown option `destination_atribute`; did you mean `destination_attribute`?",
        "unknown aggregate type `cnt`; expected one of `count`, `exists`, `sum`, `min`, `max`, `avg`, `first` or `list`",
        "unknown attribute `nope`; the attributes, calculations and aggregates are `id` and `x`",
    ];
    for message in expected {
        assert!(errors.iter().any(|e| e == message), "missing {message:?} in:\n{}", errors.join("\n"));
    }
}
