use std::fmt::Display;

trait Animal {
    fn name(&self) -> String;
    fn sound(&self) -> String;
    fn speak(&self) -> String { format!("{} says {}", self.name(), self.sound()) }
}

trait Counter {
    type Out;
    fn next_val(&mut self) -> Self::Out;
}

trait Make { fn make() -> Self; fn describe() -> &'static str { "made" } }

#[derive(Debug, Clone, PartialEq)]
struct Dog { age: u32 }
struct Cat;

impl Animal for Dog {
    fn name(&self) -> String { String::from("Dog") }
    fn sound(&self) -> String { format!("woof x{}", self.age) }
}
impl Animal for Cat {
    fn name(&self) -> String { String::from("Cat") }
    fn sound(&self) -> String { String::from("meow") }
    fn speak(&self) -> String { String::from("the cat ignores you") }
}
impl Make for Dog { fn make() -> Self { Dog { age: 1 } } }
impl Make for u8 { fn make() -> Self { 7 } fn describe() -> &'static str { "a byte" } }

struct Steps { n: i64 }
impl Counter for Steps {
    type Out = i64;
    fn next_val(&mut self) -> i64 { self.n += 2; self.n }
}

#[derive(Debug, Clone)]
struct Pair<A, B> { a: A, b: B }
impl<A: Clone, B: Clone> Pair<A, B> {
    fn swap(&self) -> Pair<B, A> { Pair { a: self.b.clone(), b: self.a.clone() } }
    fn first(&self) -> &A { &self.a }
}

#[derive(Debug)]
enum Tree<T> { Leaf(T), Node(Box<Tree<T>>, Box<Tree<T>>) }

fn sum_tree(t: &Tree<i32>) -> i32 {
    match t {
        Tree::Leaf(v) => *v,
        Tree::Node(l, r) => sum_tree(l) + sum_tree(r),
    }
}

fn largest<T: PartialOrd + Copy>(xs: &[T]) -> T {
    let mut m = xs[0];
    for &x in xs.iter() { if x > m { m = x; } }
    m
}
fn chorus<A: Animal>(a: &A, times: usize) -> Vec<String> {
    let mut v = Vec::new();
    for _ in 0..times { v.push(a.speak()); }
    v
}
fn run<C: Counter>(c: &mut C, k: usize) -> Vec<C::Out> {
    let mut out = Vec::new();
    for _ in 0..k { out.push(c.next_val()); }
    out
}
fn build<T: Make>() -> T { T::make() }
fn show_all<T: Display>(items: &[T]) -> String {
    let mut s = String::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 { s.push_str(", "); }
        s.push_str(&it.to_string());
    }
    s
}
fn wrap<T>(x: T) -> Option<T> { Some(x) }

fn main() {
    println!("{}", largest(&vec![3, 9, 2]));
    println!("{}", largest(&vec![1.5, -2.0]));
    println!("{}", largest(&vec!['x', 'b']));
    let d = Dog { age: 3 };
    println!("{:?}", chorus(&d, 2));
    println!("{:?}", chorus(&Cat, 1));
    println!("{}", <Dog as Animal>::speak(&d));
    let mut st = Steps { n: 0 };
    println!("{:?}", run(&mut st, 3));
    let made: Dog = build();
    let byte: u8 = build();
    println!("{:?} {} {} {}", made, byte, <Dog as Make>::describe(), <u8 as Make>::describe());
    let p = Pair { a: 1u16, b: String::from("one") };
    let q = p.swap();
    println!("{:?} {:?} {}", p, q, q.first());
    let t = Tree::Node(Box::new(Tree::Leaf(4)), Box::new(Tree::Node(Box::new(Tree::Leaf(5)), Box::new(Tree::Leaf(6)))));
    println!("{} {:?}", sum_tree(&t), Tree::Leaf("x"));
    println!("{}", show_all(&vec![1, 2, 3]));
    println!("{}", show_all(&vec!["a", "b"]));
    println!("{:?} {:?}", wrap(5), wrap("s"));
    println!("{}", d.clone() == Dog { age: 3 });
}
