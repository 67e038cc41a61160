//! ETS-like layer vs a plain `HashMap` store, in the same run.
//!
//! The baseline is what a hand-written store of the same records would be: a
//! `HashMap<Uuid, BaseProduct>` plus a `HashMap<String, Uuid>` unique index
//! on the name (std's hasher). Its create trims and checks the name, refuses
//! a taken one, generates the uuid and returns the created record (as the
//! create action does); its gets return a copy of the record.
//!
//! `cargo bench --bench ets` measures 1k, 100k and 1M rows; give sizes to
//! measure others (`cargo bench --bench ets -- 20000`). For each size it
//! prints the median ns per operation of both sides and their ratio, and the
//! live heap bytes per stored row (a counting global allocator: bytes
//! allocated and not freed after filling the store, over its row count).
//! Ratios, not absolute times, are the result: the machines are noisy, but
//! both sides share the noise.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::HashMap;
use std::hint::black_box;
use std::sync::atomic::{AtomicIsize, Ordering};
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

/// Counts the bytes allocated and not yet freed, for the memory line.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is passed on to `System` unchanged; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size as isize - layout.size() as isize, Ordering::Relaxed);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live_bytes() -> isize {
    LIVE.load(Ordering::Relaxed)
}

/// The baseline's record: the same Rust types as `Product` (stored and
/// copied like it; the bench reads no field but the id).
#[derive(Clone)]
#[allow(dead_code)]
struct BaseProduct {
    id: Uuid,
    name: String,
    price: Decimal,
}

/// The baseline: a hand-written store with a unique name.
#[derive(Default)]
struct Baseline {
    rows: HashMap<Uuid, BaseProduct>,
    by_name: HashMap<String, Uuid>,
}

impl Baseline {
    fn create(&mut self, name: &str, price: Decimal) -> Result<BaseProduct, &'static str> {
        let name = name.trim();
        if name.is_empty() {
            return Err("name: is required");
        }
        if self.by_name.contains_key(name) {
            return Err("name: has already been taken");
        }
        let record = BaseProduct { id: Uuid::new_v4(), name: name.to_string(), price };
        self.by_name.insert(record.name.clone(), record.id);
        self.rows.insert(record.id, record.clone());
        Ok(record)
    }

    fn get(&self, id: &Uuid) -> Option<BaseProduct> {
        self.rows.get(id).cloned()
    }

    fn get_by_name(&self, name: &str) -> Option<BaseProduct> {
        self.rows.get(self.by_name.get(name)?).cloned()
    }
}

/// Short rounds are repeated to this many operations, for a steadier clock.
const MIN_OPS: usize = 100_000;

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// Median nanoseconds per operation over `rounds` rounds, each `round`
/// (`ops` operations) repeated to at least `MIN_OPS` operations.
fn measure(rounds: usize, ops: usize, mut round: impl FnMut()) -> f64 {
    let repeat = MIN_OPS.div_ceil(ops);
    let samples = (0..rounds).map(|_| {
        let start = Instant::now();
        for _ in 0..repeat {
            round();
        }
        start.elapsed().as_nanos() as f64 / (ops * repeat) as f64
    });
    median(samples.collect())
}

/// A fixed shuffle of `0..n` (xorshift), so gets hit rows in no storage order.
fn shuffled(n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    order
}

fn new_domain() -> Domain {
    Domain::new().register::<Product>().build().unwrap()
}

fn fill_ours(names: &[String], price: Decimal) -> (Domain, Vec<Uuid>) {
    let shop = new_domain();
    let ids = names.iter().map(|name| Product::create().name(name.as_str()).price(price).run(&shop).unwrap().id);
    let ids = ids.collect();
    (shop, ids)
}

fn fill_base(names: &[String], price: Decimal) -> (Baseline, Vec<Uuid>) {
    let mut store = Baseline::default();
    let ids = names.iter().map(|name| store.create(name, price).unwrap().id).collect();
    (store, ids)
}

/// Live heap bytes per row of the store `fill` builds (the ids it returns
/// are counted out).
fn bytes_per_row<S>(n: usize, fill: impl FnOnce() -> (S, Vec<Uuid>)) -> f64 {
    let before = live_bytes();
    let (store, ids) = fill();
    let ids_bytes = (ids.capacity() * std::mem::size_of::<Uuid>()) as isize;
    let bytes = live_bytes() - before - ids_bytes;
    drop(black_box((store, ids)));
    bytes as f64 / n as f64
}

fn run(n: usize) {
    let rounds = if n >= 1_000_000 { 3 } else { 5 };
    let names: Vec<String> = (0..n).map(|i| format!("product-{i}")).collect();
    let price = dec!(1.5);
    let mut lines = Vec::new();

    let ours = measure(rounds, n, || drop(black_box(fill_ours(&names, price))));
    let base = measure(rounds, n, || drop(black_box(fill_base(&names, price))));
    lines.push(("create (full action)", ours, base));

    let ours_mem = bytes_per_row(n, || fill_ours(&names, price));
    let base_mem = bytes_per_row(n, || fill_base(&names, price));

    let (shop, ours_ids) = fill_ours(&names, price);
    let (store, base_ids) = fill_base(&names, price);
    let order = shuffled(n);
    let ours = measure(rounds, n, || {
        for &i in &order {
            black_box(Product::get(&shop, ours_ids[i]).unwrap());
        }
    });
    let base = measure(rounds, n, || {
        for &i in &order {
            black_box(store.get(&base_ids[i]).unwrap());
        }
    });
    lines.push(("get by primary key", ours, base));
    let ours = measure(rounds, n, || {
        for &i in &order {
            black_box(Product::get_by_unique_name(&shop, names[i].as_str()).unwrap());
        }
    });
    let base = measure(rounds, n, || {
        for &i in &order {
            black_box(store.get_by_name(&names[i]).unwrap());
        }
    });
    lines.push(("get by identity", ours, base));

    println!("{n} rows");
    for (label, ours, base) in lines {
        let target = if label.starts_with("create") { 1.3 } else { 1.5 };
        print_line(label, ours, base, target);
    }
    print_line("memory (bytes per row)", ours_mem, base_mem, 1.3);
}

/// One line: both sides, their ratio and issue 10's target for it.
fn print_line(label: &str, ours: f64, base: f64, target: f64) {
    let ratio = ours / base;
    let verdict = if ratio > target { "  missed" } else { "" };
    println!("  {label:<26} {ours:>10.0} {base:>10.0} {ratio:>7.2}x {:>7}{verdict}", format!("<={target}x"));
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|arg| arg.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1_000, 100_000, 1_000_000] } else { sizes };
    println!("{:<28} {:>10} {:>10} {:>8} {:>7}", "operation (ns/op, median)", "ets", "hashmap", "ratio", "target");
    for n in sizes {
        run(n);
    }
}
