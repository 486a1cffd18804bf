use std::fmt::{self, Display};
#[derive(Debug, Default, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Version { major: u32, minor: u32 }
impl Version {
    const ZERO: Version = Version { major: 0, minor: 0 };
    fn bump(self) -> Self { Version { minor: self.minor + 1, ..self } }
}
impl From<(u32, u32)> for Version { fn from(p: (u32, u32)) -> Self { Version { major: p.0, minor: p.1 } } }
impl Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { write!(f, "v{}.{}", self.major, self.minor) }
}
trait Named { fn name() -> String; fn hello(&self) -> String where Self: Sized { format!("hello {}", Self::name()) } }
struct A;
impl Named for A { fn name() -> String { "A".into() } }
fn make<T: Default + fmt::Debug>() -> T { T::default() }
fn show_all<T: Display>(items: &[T]) -> String { items.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(" ") }
struct Node { val: i32, next: Option<Box<Node>> }
fn list_sum(n: &Option<Box<Node>>) -> i32 { match n { Some(b) => b.val + list_sum(&b.next), None => 0 } }
fn push_front(head: Option<Box<Node>>, v: i32) -> Option<Box<Node>> { Some(Box::new(Node { val: v, next: head })) }
static GREETING: &str = "hi";
const LIMIT: usize = 3;
struct Droppy(&'static str);
impl Drop for Droppy { fn drop(&mut self) { println!("drop {}", self.0); } }
trait Base { fn base(&self) -> u32; }
trait Derived: Base { fn derived(&self) -> u32 { self.base() * 2 } }
struct Impl;
impl Base for Impl { fn base(&self) -> u32 { 21 } }
impl Derived for Impl {}
fn use_base(b: &dyn Base) -> u32 { b.base() }
fn modify(v: &mut Vec<i32>, x: &mut i32) { v.push(*x); *x += 1; }
fn main() {
    let v = Version::from((1, 2)).bump();
    let w: Version = (2, 0).into();
    println!("{} {} {:?} {}", v, w, Version::ZERO, v < w);
    let mut vs = vec![w.clone(), v.clone(), Version::default()];
    vs.sort();
    println!("{}", show_all(&vs));
    println!("{} {}", A.hello(), <A as Named>::name());
    let z: Vec<u8> = make();
    let d: Version = make();
    println!("{:?} {:?}", z, d);
    let list = push_front(push_front(None, 1), 2);
    println!("{}", list_sum(&list));
    println!("{} {}", GREETING, LIMIT);
    {
        let _a = Droppy("a");
        let _b = Droppy("b");
    }
    let i = Impl;
    let d: &dyn Derived = &i;
    println!("{} {}", d.derived(), use_base(d));
    let mut v2 = Vec::new();
    let mut x = 5;
    modify(&mut v2, &mut x);
    modify(&mut v2, &mut x);
    println!("{:?} {}", v2, x);
    let words: Vec<&str> = "a b c".split(' ').collect();
    let s: String = words.iter().rev().map(|w| w.to_uppercase()).collect();
    println!("{} {}", s, s.starts_with('C'));
    let text = "line1\nline2";
    for (n, l) in text.lines().enumerate() { println!("{}: {}", n + 1, l.trim()); }
    let num: i32 = "42".parse().unwrap();
    let f: f64 = "2.5".parse::<f64>().unwrap() * 2.0;
    println!("{} {}", num + 1, f);
    let mut grid = vec![vec![0; 3]; 2];
    grid[1][2] = 5;
    println!("{:?} {}", grid, grid.len() * grid[0].len());
    let pairs: Vec<(usize, char)> = "xyz".char_indices().collect();
    println!("{:?}", pairs);
    let big = u64::MAX;
    let small = i32::MIN;
    println!("{} {} {} {}", big, small, 2i32.pow(10), (-5i32).abs());
    let maybe: Option<i32> = Some(4);
    let r: Result<i32, String> = maybe.ok_or("none".to_string());
    println!("{:?} {}", r, 7.max(3).min(5));
    let chars: Vec<char> = "hello".chars().filter(|c| !"aeiou".contains(*c)).collect();
    println!("{:?}", chars);
}
