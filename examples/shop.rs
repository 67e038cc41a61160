//! Seed 001's shop: a product whose name is unique.
//!
//! Run with `cargo run --example shop`.

use resource::dsl::resource;
use resource::prelude::*;

resource! {
    /// Something the shop sells.
    pub Product {
        data_layer: Ets,
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
            attribute price: Decimal { allow_nil: false, public: true, constraints { min: 0 } }
        }
        identities {
            identity unique_name [name] { pre_check: true }
        }
        actions {
            default_accept [name, price];
            defaults [create, read, update, destroy];
        }
    }
}

fn main() -> Result<(), Error> {
    let shop = Domain::new().register::<Product>().build()?;

    let banana = Product::create().name("Banana").price(dec!(0.1)).run(&shop)?;
    println!("created {banana:?}");

    let err = Product::create().name("Banana").price(dec!(0.2)).run(&shop).unwrap_err();
    println!("a second Banana:\n{err}\n");

    let err = Product::create().name("  ").price(dec!(-1)).run(&shop).unwrap_err();
    println!("a blank name and a negative price:\n{err}\n");

    Product::create().name("Apple").price(dec!(0.5)).run(&shop)?;
    Product::create().name("Mango").price(dec!(2.5)).run(&shop)?;
    let cheap = Product::read().filter(expr!(price < 1)).sort(product::name.asc()).run(&shop)?;
    let names: Vec<&str> = cheap.iter().map(|p| p.name.as_str()).collect();
    println!("products under 1, by name: {names:?}");
    let cheap_an = Product::read().filter(expr!(price < 1 && like(name, "%an%"))).run(&shop)?;
    let names: Vec<&str> = cheap_an.iter().map(|p| p.name.as_str()).collect();
    println!("products under 1 with \"an\" in their name: {names:?}");

    let banana = banana.update().price(dec!(0.15)).run(&shop)?;
    println!("banana now costs {}", banana.price);
    let found = Product::get_by_unique_name(&shop, "Banana")?;
    println!("found by identity: {} at {}", found.name, found.price);

    banana.destroy().run(&shop)?;
    println!("after destroying the banana: {} products", Product::read().run(&shop)?.len());
    match Product::get_by_unique_name(&shop, "Banana") {
        Err(err) => println!("looking it up again: {err}"),
        Ok(p) => println!("unexpectedly still there: {p:?}"),
    }
    Ok(())
}
