use std::fmt;
struct Tracker<T: fmt::Debug> { name: &'static str, value: T }
impl<T: fmt::Debug> Drop for Tracker<T> {
    fn drop(&mut self) { println!("drop {} {:?}", self.name, self.value); }
}
impl<T: fmt::Debug> Tracker<T> {
    fn new(name: &'static str, value: T) -> Self { Tracker { name, value } }
    fn peek(&self) -> &T { &self.value }
}
struct Stack<T> { items: Vec<T> }
impl<T: Clone + fmt::Display> Stack<T> {
    fn new() -> Self { Stack { items: Vec::new() } }
    fn push(&mut self, t: T) -> &mut Self { self.items.push(t); self }
    fn top(&self) -> Option<T> { self.items.last().cloned() }
    fn render(&self) -> String {
        let mut out = String::new();
        for x in self.items.iter() { out.push_str(&format!("<{}>", x)); }
        out
    }
}
impl<T: fmt::Display> fmt::Display for Stack<T> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { write!(f, "Stack({})", self.items.len()) }
}
trait Visitor { fn visit(&mut self, n: i32); fn result(&self) -> i32; }
struct Summer { total: i32 }
struct Maxer { best: Option<i32> }
impl Visitor for Summer { fn visit(&mut self, n: i32) { self.total += n; } fn result(&self) -> i32 { self.total } }
impl Visitor for Maxer {
    fn visit(&mut self, n: i32) { self.best = Some(match self.best { Some(b) if b > n => b, _ => n }); }
    fn result(&self) -> i32 { self.best.unwrap_or(-1) }
}
fn walk(v: &mut dyn Visitor, xs: &[i32]) { for &x in xs { v.visit(x); } }
fn apply<F: Fn(i32) -> i32>(f: F, n: i32) -> i32 { f(n) }
fn scaler(k: i32) -> impl Fn(i32) -> i32 { move |x| x * k }
fn main() {
    let t1 = Tracker::new("one", 1);
    let t2 = Tracker::new("two", String::from("zwei"));
    println!("{} {}", t1.peek(), t2.peek());
    let mut s: Stack<String> = Stack::new();
    s.push(String::from("a")).push(String::from("b"));
    println!("{} {:?} {}", s, s.top(), s.render());
    let mut visitors: Vec<Box<dyn Visitor>> = vec![Box::new(Summer { total: 0 }), Box::new(Maxer { best: None })];
    for v in visitors.iter_mut() { walk(&mut **v, &[3, 9, 2]); }
    let results: Vec<i32> = visitors.iter().map(|v| v.result()).collect();
    println!("{:?}", results);
    let k = 10;
    println!("{}", apply(|x| x * k, 4));
    let f = scaler(k);
    println!("{}", f(2));
    let found = 'search: loop {
        for t in [Tracker::new("loop", 5)] {
            if *t.peek() == 5 { break 'search t.value; }
        }
        break 0;
    };
    println!("found {}", found);
    let moved = t1;
    println!("moved {}", moved.name);
}
