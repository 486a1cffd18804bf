#[derive(Debug)]
struct Point {
    x: i32,
    y: i32,
}

#[derive(Debug)]
struct Pair(i64, bool);

#[derive(Debug)]
struct Unit;

#[derive(Debug)]
enum Shape {
    Circle { center: Point, radius: f64 },
    Square(Point, u32),
    Empty,
}

#[derive(Debug)]
struct Labeled {
    label: &'static str,
    inner: Pair,
    tag: char,
}

fn main() {
    let p = Point { x: 1, y: -2 };
    println!("{:?}", p);
    println!("{:#?}", p);
    println!("{:?} {:?}", Pair(7, true), Unit);
    let circle = Shape::Circle { center: Point { x: 0, y: 0 }, radius: 1.5 };
    let square = Shape::Square(Point { x: 3, y: 4 }, 2);
    let empty = Shape::Empty;
    println!("{:?}", circle);
    println!("{:?}", square);
    println!("{:?}", empty);
    println!("{:#?}", circle);
    println!("{:#?}", square);
    let l = Labeled { label: "lbl", inner: Pair(-1, false), tag: 'z' };
    println!("{:?}", l);
    println!("{:#?}", l);
    let t = (1, "two", 3.0, 'f', (5u8, true));
    println!("{:?}", t);
    println!("{:#?}", (1, "x"));
    println!("[{:>12?}] [{:<8?}]", Unit, 'c');
}
