// `#[resource]` on an enum: one error, nothing about `#[attribute]`.
use resource::prelude::*;

#[resource]
pub enum Shape {
    #[attribute(public)]
    Circle { radius: f64 },
}

fn main() {}
