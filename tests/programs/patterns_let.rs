#[derive(Debug, Clone, PartialEq)]
enum Shape { Circle { r: u32 }, Rect(u32, u32), Empty }

#[derive(Debug, Clone)]
struct Config { name: String, level: u8, verbose: bool, tags: Vec<String> }

#[derive(Debug)]
enum AppError { Parse(String), Range(i64) }

impl From<std::num::ParseIntError> for AppError {
    fn from(e: std::num::ParseIntError) -> Self { AppError::Parse(format!("{}", e)) }
}

fn parse_small(s: &str) -> Result<i64, AppError> {
    let n: i64 = s.trim().parse()?;
    if n > 100 { return Err(AppError::Range(n)); }
    Ok(n)
}

fn describe(s: &Shape) -> String {
    match s {
        Shape::Circle { r } if *r > 10 => format!("big circle {}", r),
        Shape::Circle { r } => format!("circle {}", r),
        Shape::Rect(w, h) if w == h => format!("square {}", w),
        Shape::Rect(w, _) => format!("rect w={}", w),
        Shape::Empty => String::from("empty"),
    }
}

fn first_word(s: &str) -> &str {
    let Some(i) = s.find(' ') else { return s; };
    &s[..i]
}

fn main() {
    let shapes = vec![Shape::Circle { r: 3 }, Shape::Rect(2, 2), Shape::Rect(4, 1), Shape::Empty, Shape::Circle { r: 11 }];
    for s in shapes.iter() { println!("{}", describe(s)); }
    if let Some(Shape::Rect(w, h)) = shapes.get(2) { println!("third is {}x{}", w, h); }
    if let Some(x) = shapes.iter().position(|s| *s == Shape::Empty) { println!("empty at {}", x); } else { println!("none"); }
    let mut stack = vec![1, 2, 3];
    while let Some(top) = stack.pop() { println!("pop {}", top); }
    let words = vec![String::from("alpha"), String::from("beta")];
    let mut it = words.iter();
    while let Some(w) = it.next() { println!("word {}", w); }
    let owned: Option<String> = Some(String::from("owned"));
    if let Some(s) = owned { println!("took {}", s); }
    let pair = (String::from("left"), 5);
    let (ref l, n) = pair;
    println!("{} {}", l, n);
    match &pair { (s, 5) => println!("five {}", s), _ => println!("other") }
    println!("{} {}", first_word("hello world"), first_word("single"));
    let base = Config { name: String::from("base"), level: 1, verbose: false, tags: vec![String::from("t")] };
    let derived = Config { name: String::from("derived"), level: 3, ..base.clone() };
    println!("{:?}", derived);
    println!("{:?}", base);
    for s in ["12", "x", "500"] {
        match parse_small(s) {
            Ok(n) => println!("ok {}", n),
            Err(AppError::Parse(m)) => println!("parse error: {}", m),
            Err(e) => println!("error {:?}", e),
        }
    }
    let t = (1, (2, 3), [4, 5]);
    let (a, (b, c), [d, e]) = t;
    println!("{}", a + b + c + d + e);
}
