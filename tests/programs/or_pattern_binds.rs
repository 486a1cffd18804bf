// Bindings inside or-patterns: `A(x) | B(x)`, nested (`Some((0, y) | (y, 0))`),
// by value (moving a String out), by reference, with guards, in `if let`
// and `while let`.
#[derive(Debug)]
enum Shape {
    Circle(u32),
    Square(u32),
    Rect(u32, u32),
    Named(String, u32),
    Label(String),
    Empty,
}

fn size(s: &Shape) -> u32 {
    match s {
        Shape::Circle(r) | Shape::Square(r) => *r,
        Shape::Rect(w, _) | Shape::Named(_, w) if *w == 5 || *w == 8 => *w,
        Shape::Rect(w, _) | Shape::Named(_, w) => *w + 100,
        Shape::Label(_) | Shape::Empty => 0,
    }
}

fn name(s: Shape) -> String {
    match s {
        Shape::Named(n, _) | Shape::Label(n) => n,
        other => format!("{:?}", other),
    }
}

fn main() {
    let shapes = vec![
        Shape::Circle(3),
        Shape::Square(4),
        Shape::Rect(5, 5),
        Shape::Rect(6, 7),
        Shape::Named(String::from("n"), 8),
        Shape::Label(String::from("l")),
        Shape::Empty,
    ];
    for s in shapes.iter() {
        print!("{} ", size(s));
    }
    println!();
    for s in shapes {
        print!("{} ", name(s));
    }
    println!();

    let pairs = [(0, 5), (7, 0), (3, 4), (0, 0)];
    for p in pairs {
        if let (0, y) | (y, 0) = p {
            println!("axis {}", y);
        } else {
            println!("off {:?}", p);
        }
    }
    let opts = vec![Some((1, 9)), None, Some((9, 2)), Some((3, 3))];
    let mut it = opts.into_iter();
    while let Some(Some((1, v) | (v, 2))) = it.next() {
        println!("v {}", v);
    }
    let words = vec![String::from("a"), String::from("bb")];
    let r: Result<String, String> = Ok(words[1].clone());
    match r {
        Ok(w) | Err(w) if w.len() > 1 => println!("long {}", w),
        Ok(w) | Err(w) => println!("short {}", w),
    }
    let e: Result<String, String> = Err(String::from("x"));
    match e {
        Ok(w) | Err(w) if w.len() > 1 => println!("long {}", w),
        Ok(w) | Err(w) => println!("short {}", w),
    }
}
