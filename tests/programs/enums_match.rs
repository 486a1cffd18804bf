enum Shape {
    Circle(u32),
    Rect { w: u32, h: u32 },
    Empty,
}

#[derive(Clone, Copy)]
enum Dir {
    North,
    East,
    South,
    West,
}

fn turn(d: Dir) -> Dir {
    match d {
        Dir::North => Dir::East,
        Dir::East => Dir::South,
        Dir::South => Dir::West,
        Dir::West => Dir::North,
    }
}

fn name(d: Dir) -> &'static str {
    match d {
        Dir::North => "north",
        Dir::East => "east",
        Dir::South => "south",
        Dir::West => "west",
    }
}

fn area(s: Shape) -> u32 {
    match s {
        Shape::Circle(r) => 3 * r * r,
        Shape::Rect { w, h: 0 } => w,
        Shape::Rect { w, h } => w * h,
        Shape::Empty => 0,
    }
}

fn main() {
    println!("{}", area(Shape::Circle(2)));
    println!("{}", area(Shape::Rect { w: 3, h: 5 }));
    println!("{}", area(Shape::Rect { w: 9, h: 0 }));
    println!("{}", area(Shape::Empty));
    let mut d = Dir::North;
    for _ in 0..5 {
        d = turn(d);
        println!("{}", name(d));
    }
    let pair = (3, -3);
    match pair {
        (0, y) => println!("zero {}", y),
        (x, y) if x + y == 0 => println!("opposites {} {}", x, y),
        _ => println!("other"),
    }
}
