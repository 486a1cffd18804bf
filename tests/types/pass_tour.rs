use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Point { x: i32, y: i32 }

impl Point {
    fn new(x: i32, y: i32) -> Self { Point { x, y } }
    fn dist2(&self, other: &Point) -> i32 {
        let dx = self.x - other.x;
        let dy = self.y - other.y;
        dx * dx + dy * dy
    }
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

impl std::ops::Add for Point {
    type Output = Point;
    fn add(self, o: Point) -> Point { Point::new(self.x + o.x, self.y + o.y) }
}

#[derive(Debug)]
enum Shape { Circle(f64), Rect { w: f64, h: f64 }, Empty }

fn area(s: &Shape) -> f64 {
    match s {
        Shape::Circle(r) => 3.14 * r * r,
        Shape::Rect { w, h } => w * h,
        Shape::Empty => 0.0,
    }
}

trait Animal {
    fn name(&self) -> String;
    fn speak(&self) -> String { format!("{} makes a sound", self.name()) }
}
struct Dog;
struct Cat { lives: u8 }
impl Animal for Dog { fn name(&self) -> String { "dog".to_string() } }
impl Animal for Cat {
    fn name(&self) -> String { String::from("cat") }
    fn speak(&self) -> String { format!("meow x{}", self.lives) }
}

fn largest<T: PartialOrd + Copy>(xs: &[T]) -> T {
    let mut m = xs[0];
    for &x in xs { if x > m { m = x; } }
    m
}

fn apply<F: Fn(i32) -> i32>(f: F, v: i32) -> i32 { f(v) }
fn make_adder(n: i32) -> impl Fn(i32) -> i32 { move |x| x + n }
fn boxed(n: i32) -> Box<dyn Fn(i32) -> i32> { Box::new(move |x| x * n) }

fn parse_num(s: &str) -> Result<i64, std::num::ParseIntError> {
    let n: i64 = s.trim().parse()?;
    Ok(n * 2)
}

fn first_even(v: &Vec<i32>) -> Option<&i32> { v.iter().find(|x| **x % 2 == 0) }

fn main() {
    let p = Point::new(1, 2);
    let q = p + Point { x: 3, y: 4 };
    println!("{} {:?} {}", q, p, p.dist2(&q));
    assert_eq!(p, Point::new(1, 2));
    let shapes = vec![Shape::Circle(1.0), Shape::Rect { w: 2.0, h: 3.0 }, Shape::Empty];
    let total: f64 = shapes.iter().map(|s| area(s)).sum();
    println!("{:.2} {:?}", total, shapes[0]);
    let animals: Vec<Box<dyn Animal>> = vec![Box::new(Dog), Box::new(Cat { lives: 9 })];
    for a in animals.iter() { println!("{}", a.speak()); }
    println!("{} {}", largest(&[3, 7, 2]), largest(&[1.5, 0.5]));
    let mut counter = 0;
    let mut inc = || counter += 1;
    inc();
    inc();
    println!("{} {} {} {}", counter, apply(|x| x * 10, 4), make_adder(3)(4), boxed(5)(6));
    match parse_num(" 21 ") { Ok(n) => println!("{}", n), Err(e) => println!("error {}", e) }
    let v = vec![1, 3, 4, 6];
    if let Some(x) = first_even(&v) { println!("first even {}", x); }
    let words = vec!["apple", "bob", "kayak"];
    let pals: Vec<&str> = words.iter().filter(|w| w.chars().rev().collect::<String>() == **w).cloned().collect();
    println!("{:?}", pals);
    let mut nums = vec![5, 3, 8, 1];
    nums.sort();
    nums.reverse();
    let s: Vec<String> = nums.iter().map(|n| n.to_string()).collect();
    println!("{}", s.join(","));
    let r = loop { counter += 1; if counter > 5 { break counter * 2; } };
    println!("{}", r);
    'outer: for i in 0..10 {
        for j in 0..10 { if i * j > 20 { println!("{} {}", i, j); break 'outer; } }
    }
    let t = (1, "two", 3.0);
    let (a, b, c) = t;
    println!("{} {} {}", a, b, c);
    let arr = [1u8, 2, 3];
    println!("{} {}", arr.len(), arr.iter().map(|&x| x as u32).sum::<u32>());
    let text = String::from("hello world");
    let upper = text.to_uppercase();
    let n = text.split_whitespace().count();
    println!("{} {} {}", upper, n, &text[0..5]);
    let maybe: Option<u32> = None;
    println!("{}", maybe.map(|x| x + 1).unwrap_or(0));
    let mut opt = Some(3);
    while let Some(i) = opt { if i == 0 { opt = None; } else { opt = Some(i - 1); } }
    let x = 5;
    let x = x * 2;
    let label = if x > 5 { "big" } else { "small" };
    println!("{}", label);
}
