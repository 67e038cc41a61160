// An atom is `Copy`: derive it beside `Atom`.
#[derive(Clone, resource::Atom)]
pub enum Status {
    Open,
    Closed,
}

fn main() {}
