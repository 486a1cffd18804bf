struct Point {
    x: i32,
    y: i32,
}

struct Meters(f64);

struct Rect {
    top_left: Point,
    size: (u32, u32),
}

const SCALE: i32 = 3;

fn scaled(p: Point) -> Point {
    Point { y: p.y * SCALE, x: p.x * SCALE }
}

fn area(r: Rect) -> u32 {
    r.size.0 * r.size.1
}

fn min_max(a: i64, b: i64) -> (i64, i64) {
    if a < b { (a, b) } else { (b, a) }
}

fn main() {
    let p = Point { x: 1, y: -2 };
    let q = scaled(p);
    println!("{} {}", q.x, q.y);
    let mut r = Rect { top_left: Point { x: 0, y: 0 }, size: (3, 4) };
    println!("area {}", area(Rect { top_left: Point { x: 5, y: 5 }, size: r.size }));
    r.size.1 = 10;
    r.top_left.x += 7;
    println!("{} {} {}", r.top_left.x, r.size.0, r.size.1);
    let m = Meters(2.5);
    println!("{}", m.0 * 2.0);
    let (lo, hi) = min_max(9, -4);
    println!("{} {}", lo, hi);
    let t = (1u8, 'x', true);
    println!("{} {} {}", t.0, t.1, t.2);
}
