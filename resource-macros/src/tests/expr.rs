//! The expression language (`expr!` and `filter: expr(..)`): precedence,
//! operands, functions, errors, and what the generator makes of them.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::Ident;
use syn::parse::Parser;

use super::{messages, parse_ok};
use crate::model::{FilterExpr, FilterFn, FilterOp};
use crate::surface::common::filter::parse_filter;

fn text(tokens: &impl ToTokens) -> String {
    tokens.to_token_stream().to_string()
}

/// Parses the inside of `expr!(..)`.
fn parse(tokens: TokenStream) -> FilterExpr {
    parse_filter.parse2(tokens.clone()).unwrap_or_else(|e| panic!("{tokens}: {e}"))
}

/// The error message of parsing the inside of `expr!(..)`.
fn error(tokens: TokenStream) -> String {
    match parse_filter.parse2(tokens.clone()) {
        Ok(expr) => panic!("{tokens} parsed: {}", show(&expr)),
        Err(e) => e.to_string(),
    }
}

/// An expression with explicit parentheses, to check precedence.
fn show(filter: &FilterExpr) -> String {
    let all = |items: &[FilterExpr]| items.iter().map(show).collect::<Vec<_>>().join(", ");
    match filter {
        FilterExpr::Field(ident) => ident.to_string(),
        FilterExpr::Lit(lit) => text(lit),
        FilterExpr::Nil(_) => "nil".into(),
        FilterExpr::Pinned(expr) => format!("^{{{}}}", text(expr)),
        FilterExpr::Not(inner) => format!("!{}", show(inner)),
        FilterExpr::Neg(inner) => format!("-{}", show(inner)),
        FilterExpr::IsNil(inner) => format!("is_nil({})", show(inner)),
        FilterExpr::Binary(op, left, right) => {
            let op = match op {
                FilterOp::Eq => "==",
                FilterOp::NotEq => "!=",
                FilterOp::Lt => "<",
                FilterOp::Le => "<=",
                FilterOp::Gt => ">",
                FilterOp::Ge => ">=",
                FilterOp::And => "&&",
                FilterOp::Or => "||",
                FilterOp::Add => "+",
                FilterOp::Sub => "-",
                FilterOp::Mul => "*",
                FilterOp::Div => "/",
                FilterOp::Concat => "<>",
            };
            format!("({} {op} {})", show(left), show(right))
        }
        FilterExpr::In(left, list) => format!("({} in {})", show(left), show(list)),
        FilterExpr::List(items, _) => format!("[{}]", all(items)),
        FilterExpr::Call(function, _, args) => format!("{function:?}({})", all(args)),
        FilterExpr::Fragment(sql, args) => format!("fragment({:?}; {})", sql.value(), all(args)),
        FilterExpr::Path(names) => names.iter().map(Ident::to_string).collect::<Vec<_>>().join("."),
        FilterExpr::Exists(path, filter, _) => {
            let path = path.iter().map(Ident::to_string).collect::<Vec<_>>().join(".");
            match filter {
                Some(filter) => format!("exists({path}, {})", show(filter)),
                None => format!("exists({path})"),
            }
        }
        FilterExpr::Parent(inner, _) => format!("parent({})", show(inner)),
    }
}

/// An expression formatted by prettyplease, so that token spacing and
/// trailing commas do not matter.
fn pretty(expr: TokenStream) -> String {
    let file = syn::parse2::<syn::File>(quote!(fn f() { let _ = #expr; }))
        .unwrap_or_else(|error| panic!("not an expression ({error}): {expr}"));
    prettyplease::unparse(&file)
}

fn shown(tokens: TokenStream) -> String {
    show(&parse(tokens))
}

#[test]
fn precedence_follows_rust() {
    assert_eq!(
        shown(quote!(admin == true && !is_nil(email) || first_name == ^some_rust_expr)),
        "(((admin == true) && !is_nil(email)) || (first_name == ^{some_rust_expr}))"
    );
    assert_eq!(
        shown(quote!(a < 1 or b >= 2 and (c != "x" || d <= -3))),
        "((a < 1) || ((b >= 2) && ((c != \"x\") || (d <= ^{- 3}))))"
    );
    assert_eq!(shown(quote!(a + b * c - d / 2)), "((a + (b * c)) - (d / 2))");
    assert_eq!(shown(quote!(a * (b + c))), "(a * (b + c))");
    assert_eq!(shown(quote!(price * qty > 10 && x)), "(((price * qty) > 10) && x)");
    assert_eq!(shown(quote!(first <> " " <> last == "A B")), "(((first <> \" \") <> last) == \"A B\")");
    assert_eq!(shown(quote!(a <> b + 1)), "(a <> (b + 1))", "`<>` binds looser than `+`, as in Elixir");
    assert_eq!(shown(quote!(-a * b)), "(-a * b)");
    assert_eq!(shown(quote!(a - -1)), "(a - ^{- 1})");
    assert_eq!(shown(quote!(!a == b)), "(!a == b)", "as in Rust, `!` binds tighter");
    assert_eq!(shown(quote!(not a and not b)), "(!a && !b)");
    assert_eq!(shown(quote!(not(a) or b)), "(!a || b)");
}

#[test]
fn in_lists() {
    assert_eq!(shown(quote!(status in ["open", ^Status::Closed])), "(status in [\"open\", ^{Status :: Closed}])");
    assert_eq!(shown(quote!(status in ^allowed && x)), "((status in ^{allowed}) && x)");
    assert_eq!(shown(quote!(a + 1 in [2, b])), "((a + 1) in [2, b])");
    assert_eq!(shown(quote!(status not in ["closed"])), "!(status in [\"closed\"])");
    assert_eq!(shown(quote!(a in [])), "(a in [])");
    assert_eq!(error(quote!(a in b)), "expected a list `[..]` or a pinned `^list` after `in`");
    assert_eq!(error(quote!(a == [1])), "a list `[..]` can only follow `in` or be the first argument of `string_join`");
    assert_eq!(
        error(quote!(a in [1] == true)),
        "comparison operators cannot be chained; join the comparisons with `&&`"
    );
}

#[test]
fn functions() {
    assert_eq!(shown(quote!(like(name, "%an%"))), "Like(name, \"%an%\")");
    assert_eq!(shown(quote!(ilike(name, ^pattern))), "ILike(name, ^{pattern})");
    assert_eq!(shown(quote!(contains(lower(name), "x"))), "Contains(Lower(name), \"x\")");
    assert_eq!(shown(quote!(string_downcase(name) == upper(b))), "(Lower(name) == Upper(b))");
    assert_eq!(shown(quote!(length(name) > 3)), "(Length(name) > 3)");
    assert_eq!(shown(quote!(string_length(name))), "Length(name)");
    assert_eq!(shown(quote!(string_join([a, nil, "x"], ", "))), "StringJoin([a, nil, \"x\"], \", \")");
    assert_eq!(shown(quote!(string_join(^parts))), "StringJoin(^{parts})");
    assert_eq!(shown(quote!(concat(a, "-", b))), "Concat(a, \"-\", b)");
    assert_eq!(shown(quote!(inserted_at < now() && born <= today())), "((inserted_at < Now()) && (born <= Today()))");
    assert_eq!(shown(quote!(if(active, "yes", "no"))), "If(active, \"yes\", \"no\")");
    assert_eq!(shown(quote!(if(a > 1, b))), "If((a > 1), b)");
    assert_eq!(shown(quote!(is_nil(a) || !is_nil(b))), "(is_nil(a) || !is_nil(b))");
}

#[test]
fn rust_style_if() {
    assert_eq!(shown(quote!(if active { "yes" } else { "no" })), "If(active, \"yes\", \"no\")");
    assert_eq!(shown(quote!(if a > ^limit { 1 } else if b { 2 } else { 3 })), "If((a > ^{limit}), 1, If(b, 2, 3))");
    assert_eq!(
        shown(quote!(if (a) {
            b
        })),
        "If(a, b)"
    );
    assert_eq!(shown(quote!((if a { 1 } else { 2 }) + 1)), "(If(a, 1, 2) + 1)");
    assert_eq!(error(quote!(if a b)), "expected `{ .. }` after the `if`");
}

#[test]
fn fragments() {
    assert_eq!(shown(quote!(fragment("lower(?) = ?", name, ^x))), "fragment(\"lower(?) = ?\"; name, ^{x})");
    assert_eq!(shown(quote!(fragment("random() > 0"))), "fragment(\"random() > 0\"; )");
    assert_eq!(shown(quote!(fragment("? \\? 1", a))), "fragment(\"? \\\\? 1\"; a)", "`\\?` is no placeholder");
    assert_eq!(error(quote!(fragment("? + ?", a))), "this fragment has 2 `?` placeholders but is given 1 argument");
    assert_eq!(error(quote!(fragment("x", a))), "this fragment has 0 `?` placeholders but is given 1 argument");
    assert_eq!(
        error(quote!(fragment(name))),
        "`fragment` takes a string literal of SQL first: `fragment(\"lower(?)\", name)`"
    );
}

#[test]
fn literals_and_pins() {
    assert_eq!(shown(quote!(a == nil)), "(a == nil)");
    assert_eq!(shown(quote!(a == 1.5)), "(a == 1.5)");
    assert_eq!(shown(quote!(a == ^dec!(1.5))), "(a == ^{dec ! (1.5)})");
    // A pin ends at the expression's operators: `^a + 1` adds in the expression.
    assert_eq!(
        shown(quote!(score > ^self.min_score() + 1 && name == ^Vec::<String>::new().len())),
        "((score > (^{self . min_score ()} + 1)) && (name == ^{Vec :: < String > :: new () . len ()}))"
    );
    assert_eq!(shown(quote!(a == ^(b + 1) * 2)), "(a == (^{(b + 1)} * 2))");
    assert_eq!(shown(quote!(a == ^-b)), "(a == ^{- b})");
    assert_eq!(shown(quote!(a == ^*b)), "(a == ^{* b})");
    assert_eq!(shown(quote!(a == ^x as f64 / 2)), "(a == (^{x as f64} / 2))");
    assert_eq!(shown(quote!(a in ^v.iter().copied() or b)), "((a in ^{v . iter () . copied ()}) || b)");
    assert_eq!(shown(quote!(a <> ^s <> b)), "((a <> ^{s}) <> b)");
    assert_eq!(error(quote!(a == ^)), "expected a Rust value after `^`");
}

#[test]
fn errors() {
    assert_eq!(
        error(quote!(lik(name, "x"))),
        "unknown function `lik` in an expression; did you mean `like`? the functions are: `is_nil`, `like`, \
         `ilike`, `contains`, `lower`, `upper`, `length`, `string_join`, `concat`, `string_trim`, \
         `string_starts_with`, `string_ends_with`, `rem`, `is_distinct_from`, `count_nils`, `if`, `now`, `today`, \
         `string_position`, `string_split`, `round`, `minus`, `at`, `get_path`, `ago`, `from_now`, \
         `datetime_add`, `date_add`, `start_of_day`, `error`, `cond`, `fragment`, `exists`, `parent`"
    );
    assert!(
        error(quote!(frobnicate(name))).starts_with("unknown function `frobnicate` in an expression; the functions")
    );
    assert_eq!(error(quote!(like(name))), "`like` takes 2 arguments, got 1");
    assert_eq!(error(quote!(now(1))), "`now` takes 0 arguments, got 1");
    assert_eq!(error(quote!(is_nil(a, b))), "`is_nil` takes 1 argument, got 2");
    assert_eq!(error(quote!(if(a))), "`if` takes 2 or 3 arguments, got 1");
    assert_eq!(error(quote!(string_join())), "`string_join` takes 1 or 2 arguments, got 0");
    assert_eq!(error(quote!(string_join(a, ","))), "expected a list `[..]` or a pinned `^list` after `string_join(`");
    assert_eq!(error(quote!(concat())), "`concat` takes at least 1 argument, got 0");
    assert_eq!(error(quote!(a == 1 == 2)), "comparison operators cannot be chained; join the comparisons with `&&`");
    assert_eq!(
        error(quote!(a b)),
        "expected an operator: `==`, `!=`, `<`, `<=`, `>`, `>=`, `in`, `&&`, `||`, `+`, `-`, `*`, `/` or `<>`"
    );
    assert_eq!(error(quote!()), "unexpected end of input, expected an expression");
}

#[test]
fn read_filters_use_the_same_language() {
    let resource = parse_ok(quote!(T {
        attributes { attribute name: String; attribute qty: i64; }
        actions { read r { filter: expr(like(name, "%a%") && qty * 2 in [4, ^x] || fragment("? > 1", qty)); } }
    }));
    let filter = resource.actions.actions[0].filter.as_ref().expect("a filter");
    assert_eq!(show(filter), "((Like(name, \"%a%\") && ((qty * 2) in [4, ^{x}])) || fragment(\"? > 1\"; qty))");
    let fields: Vec<String> = filter.fields().iter().map(|f| f.to_string()).collect();
    assert_eq!(fields, ["name", "qty", "qty"]);
    // The validator checks every field, wherever it stands.
    let errors = messages(quote!(T {
        attributes { uuid_primary_key id; attribute name: String; }
        actions { read r { filter: expr(length(nmae) > 1 || id in [^a, naem]); } }
    }));
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains("`nmae`") && errors[1].contains("`naem`"), "{errors:?}");
    let errors = messages(quote!(T { actions { read r { filter: expr(like(a)); } } }));
    assert_eq!(errors, ["`like` takes 2 arguments, got 1"]);
}

/// What `expr!` expands to: a closure over the field struct; fields through it.
/// Paths and `exists` go through the handles (relationships, embeds), so rustc checks each step;
/// the first step's handle (its `PathStart`) builds the path.
#[test]
fn paths_expand_through_the_first_steps_handle() {
    let code = pretty(crate::expr_macro::expand(quote!(representative.name == "Joe" && exists(tags, name == "bug"))));
    for piece in [
        "|__fields| -> ::resource::__private::Expr {",
        "::resource::__private::PathStart::path(\n",
        "__fields.representative.fields().name.name,\n",
        "let _ = __fields.tags.fields();",
        "::resource::__private::PathStart::exists(",
        "::resource::__private::Expr::from(\n",
        "__fields.tags.fields().name,\n",
        // Each comparison with a literal is checked through the same handles.
        "\"`representative.name` has type `{Self}`; it cannot be compared with a string\",",
        "&__fields.representative.fields().name,\n",
        ">::check(&__fields.tags.fields().name);",
    ] {
        assert!(code.contains(piece), "{piece} in {code}");
    }
    assert_eq!(shown(quote!(a.b.c == 1 || exists(x.y))), "((a.b.c == 1) || exists(x.y))");
}

/// The tree is built as written; each operand a type check reaches gets
/// its check (`expand/filter_types.rs`), a checked pin goes through it.
#[test]
fn expr_macro_expands_to_a_closure() {
    let code = pretty(crate::expr_macro::expand(quote!(price < 1 && like(name, "%an%") || status in ^allowed)));
    for piece in [
        "|__fields| -> ::resource::__private::Expr {",
        "::resource::__private::BinaryOp::Or,",
        "::resource::__private::Expr::from(__fields.price),",
        "::resource::__private::Expr::value(1),",
        "::resource::__private::Function::Like,",
        "::resource::__private::Expr::in_list(",
        "::resource::__private::expr_check!(\n",
        "\"`price` has type `{Self}`; it cannot be compared with an integer\",",
        "\"not comparable with `price`\", compare Integer",
        ">::check(&__fields.price);",
        "\"`name` has type `{Self}`; `like` takes a string\",",
        "\"not a string\", textual",
        "\"`status` has type `{Self}`; it cannot be compared with items of type `{__A}`\",",
        ">::pins(&__fields.status, allowed)",
    ] {
        assert!(code.contains(piece), "{piece} in {code}");
    }
    // Checks of one message share their (hashed, stable) trait name.
    let twice = pretty(crate::expr_macro::expand(quote!(price < 1 || price > 2)));
    let names: Vec<&str> = twice.match_indices("<_ as __Check").map(|(i, _)| &twice[i..i + 22]).collect();
    assert_eq!(names.len(), 2, "{twice}");
    assert_eq!(names[0], names[1]);
    let error = crate::expr_macro::expand(quote!(lik(name, "x"))).to_string();
    assert!(error.contains("compile_error") && error.contains("unknown function `lik`"), "{error}");
}

#[test]
fn generator_covers_every_function() {
    let expr = parse(quote!(if a {
        string_join([b, nil], "-")
    } else {
        concat(-c, fragment("?", d), now(), today(), ilike(e, "x"))
    }));
    let expanded = crate::expand::filter::expr(&expr, &Ident::new("Item", Span::call_site())).to_string();
    for piece in [
        "Expr :: if_else",
        "Expr :: string_join",
        "Expr :: nil ()",
        "Function :: Concat",
        "BinaryOp :: Sub",
        "Expr :: fragment (\"?\"",
        "Function :: Now",
        "Function :: Today",
        "Function :: ILike",
        "Expr :: field (\"e\")",
    ] {
        assert!(expanded.contains(piece), "{piece} in {expanded}");
    }
    assert!(matches!(expr, FilterExpr::Call(FilterFn::If, _, ref args) if args.len() == 3));
}

#[test]
fn datetime_functions_and_units() {
    assert_eq!(shown(quote!(inserted_at > ago(1, day))), "(inserted_at > Ago(1, \"day\"))");
    assert_eq!(shown(quote!(from_now(n, :week))), "FromNow(n, \"week\")");
    assert_eq!(shown(quote!(datetime_add(at, -1, "month"))), "DatetimeAdd(at, ^{- 1}, \"month\")");
    assert_eq!(shown(quote!(date_add(on, 2, ^unit))), "DateAdd(on, 2, ^{unit})");
    assert_eq!(shown(quote!(start_of_day(at, "Etc/UTC"))), "StartOfDay(at, \"Etc/UTC\")");
    assert_eq!(shown(quote!(if a { error("no") } else { 1 })), "If(a, Error(\"no\"), 1)");
    assert_eq!(
        error(quote!(ago(1, days))),
        "unknown time unit `days`; did you mean `day`? the units are: year, month, week, day, hour, minute, \
         second, millisecond, microsecond"
    );
    assert!(error(quote!(start_of_day(at, "Europe/Paris"))).starts_with("`start_of_day` supports only"));
    assert!(error(quote!(ago(1, 2))).starts_with("expected a time unit"));
}

#[test]
fn ashs_sugar_cond_keys_minus_and_parent() {
    assert_eq!(
        shown(quote!(cond { qty > 10 => "many", qty > 0 => "some", true => "none" })),
        "If((qty > 10), \"many\", If((qty > 0), \"some\", If(true, \"none\", nil)))"
    );
    assert_eq!(shown(quote!(data["a"][:b] == 1)), "(GetPath(data, [\"a\", \"b\"]) == 1)");
    assert_eq!(shown(quote!(get_path(data, ["a", key]))), "GetPath(data, [\"a\", key])");
    assert_eq!(shown(quote!(minus(qty) + 1)), "(-qty + 1)");
    assert_eq!(
        shown(quote!(exists(posts, pages > parent(threshold) && exists(comments, parent(parent(id)) == 1)))),
        "exists(posts, ((pages > parent(threshold)) && exists(comments, (parent(parent(id)) == 1))))"
    );
    assert_eq!(
        shown(quote!(round(price, 2) + string_position(name, "a"))),
        "(Round(price, 2) + StringPosition(name, \"a\"))"
    );
}
