// generic structs, trait bounds, where clauses, trait generic methods, impl on generic
use std::fmt::Debug;
#[derive(Debug, Clone, Copy, PartialEq)]
struct Pair<T> { a: T, b: T }
impl<T: PartialOrd + Copy> Pair<T> {
    fn largest(&self) -> T { if self.a > self.b { self.a } else { self.b } }
    fn swap(self) -> Pair<T> { Pair { a: self.b, b: self.a } }
}
impl<T> Pair<T> where T: std::ops::Add<Output = T> + Copy {
    fn sum(&self) -> T { self.a + self.b }
}
trait Summary {
    fn author(&self) -> String;
    fn summarize(&self) -> String { format!("(Read more from {}...)", self.author()) }
}
struct Tweet { user: String, text: String }
impl Summary for Tweet { fn author(&self) -> String { format!("@{}", self.user) } }
fn notify(item: &impl Summary) -> String { format!("Breaking! {}", item.summarize()) }
fn print_all<T>(items: &[T]) where T: Debug { for i in items { println!("{:?}", i); } }
trait Visitor { fn visit<T: Debug>(&mut self, t: &T); }
struct Printer { count: usize }
impl Visitor for Printer { fn visit<T: Debug>(&mut self, t: &T) { self.count += 1; println!("{:?}", t); } }
fn max_of<T: Ord + Clone>(v: &Vec<T>) -> Option<T> { v.iter().max().cloned() }
struct Wrapper<T>(T);
impl<T: Debug> Debug for Wrapper<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { write!(f, "W[{:?}]", self.0) }
}
fn main() {
    let p = Pair { a: 3, b: 9 };
    println!("{} {:?} {}", p.largest(), p.swap(), p.sum());
    let pf = Pair { a: 1.5, b: 0.5 };
    println!("{} {}", pf.largest(), pf.sum());
    let t = Tweet { user: "rust".to_string(), text: "hi".to_string() };
    println!("{} {}", notify(&t), t.text);
    print_all(&[1, 2]);
    print_all(&["a".to_string()]);
    let mut pr = Printer { count: 0 };
    pr.visit(&5);
    pr.visit(&"x");
    println!("{} {:?}", pr.count, max_of(&vec![3, 8, 1]));
    println!("{:?}", Wrapper(vec![1, 2]));
    let ws: Vec<Wrapper<i32>> = (0..3).map(Wrapper).collect();
    println!("{:?}", ws);
    let opt_sum: Option<i32> = vec![Some(1), Some(2)].into_iter().sum();
    let res: Result<Vec<i32>, String> = vec![Ok(1), Err("x".to_string())].into_iter().collect();
    println!("{:?} {:?}", opt_sum, res);
}

// `for` over a parameter bounded only by `Iterator`: the item type comes
// through the blanket `impl<I: Iterator> IntoIterator for I`.
fn total_of<I: Iterator<Item = u64>>(it: I) -> u64 {
    let mut sum = 0u64;
    for v in it {
        sum += v;
    }
    sum
}
fn use_total_of() -> u64 { total_of(vec![1u64, 2].into_iter()) }
