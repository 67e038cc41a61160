//! ETS-like layer vs a plain `HashMap` with a unique index, in the same run.
//!
//! `cargo bench --bench ets` prints, for each operation, the median time per
//! operation of both and their ratio. Ratios, not absolute times, are the
//! result: the machines are noisy, but both sides share the noise.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Instant;

use resource::dsl::resource;
use resource::prelude::*;

resource! {
    pub Product {
        attributes {
            uuid_primary_key id;
            attribute name: String { allow_nil: false, public: true }
            attribute price: Decimal { allow_nil: false, public: true }
        }
        identities {
            identity unique_name [name];
        }
        actions {
            default_accept [name, price];
            defaults [create, read, update, destroy];
        }
    }
}

/// The baseline: what a hand-written store with a unique name would do.
#[derive(Default)]
struct Baseline {
    rows: HashMap<Uuid, (String, Decimal)>,
    by_name: HashMap<String, Uuid>,
}

impl Baseline {
    fn create(&mut self, name: &str, price: Decimal) -> Result<Uuid, &'static str> {
        let name = name.trim();
        if name.is_empty() {
            return Err("name: is required");
        }
        if self.by_name.contains_key(name) {
            return Err("name: has already been taken");
        }
        let id = Uuid::new_v4();
        self.by_name.insert(name.to_string(), id);
        self.rows.insert(id, (name.to_string(), price));
        Ok(id)
    }

    fn get_by_name(&self, name: &str) -> Option<(Uuid, String, Decimal)> {
        let id = self.by_name.get(name)?;
        self.rows.get(id).map(|(n, p)| (*id, n.clone(), *p))
    }
}

const N: usize = 20_000;
const ROUNDS: usize = 5;

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// Median nanoseconds per operation over `ROUNDS` rounds of `N` operations.
fn measure(mut round: impl FnMut()) -> f64 {
    median(
        (0..ROUNDS)
            .map(|_| {
                let start = Instant::now();
                round();
                start.elapsed().as_nanos() as f64 / N as f64
            })
            .collect(),
    )
}

fn names() -> Vec<String> {
    (0..N).map(|i| format!("product-{i}")).collect()
}

fn main() {
    let names = names();
    let price = dec!(1.5);

    let ours_create = measure(|| {
        let shop = Domain::new().register::<Product>().build().unwrap();
        for name in &names {
            black_box(Product::create().name(name.as_str()).price(price).run(&shop).unwrap());
        }
    });
    let base_create = measure(|| {
        let mut store = Baseline::default();
        for name in &names {
            black_box(store.create(name, price).unwrap());
        }
    });

    let shop = Domain::new().register::<Product>().build().unwrap();
    let mut store = Baseline::default();
    for name in &names {
        Product::create().name(name.as_str()).price(price).run(&shop).unwrap();
        store.create(name, price).unwrap();
    }
    let ours_get = measure(|| {
        for name in &names {
            black_box(Product::get_by_unique_name(&shop, name.as_str()).unwrap());
        }
    });
    let base_get = measure(|| {
        for name in &names {
            black_box(store.get_by_name(name).unwrap());
        }
    });

    println!("{:<28} {:>12} {:>12} {:>8}", "operation (ns/op, median)", "ets", "hashmap", "ratio");
    for (label, ours, base) in
        [("create (full action)", ours_create, base_create), ("get by identity", ours_get, base_get)]
    {
        println!("{label:<28} {ours:>12.0} {base:>12.0} {:>7.2}x", ours / base);
    }
}
