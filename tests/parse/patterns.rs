// Pattern forms in let, match, function parameters and closures.
fn f((a, b): (u64, u64), &x: &u64, mut m: u64) -> u64 { a + b + x + m }

fn main() {
    let (a, mut b, _) = (1, 2, 3);
    let Point { x, y: py, .. } = p;
    let &r = &5;
    match v {
        Some(Shape::Circle { r }) => {}
        Some(Shape::Square(side)) if side > 3 => {}
        Some(ref s @ Shape::Empty) => {}
        None => {}
    }
    match n {
        0 => {}
        1..=9 => {}
        -5..=-1 => {}
        'a'..='z' => {}
        x @ 10..=20 => {}
        (1, ..) => {}
        [first, .., last] => {}
        Color::Red | Color::Green => {}
        _ => {}
    }
    let close = |(k, v): (u64, u64)| k + v;
}
