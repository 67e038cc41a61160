// An atom is one of a fixed set of names: variants cannot hold data.
#[derive(Clone, Copy, resource::Atom)]
pub enum Shape {
    Circle(f64),
    Square { side: f64 },
    Point,
}

#[derive(Clone, Copy, resource::Atom)]
pub struct NotAnEnum;

fn main() {}
