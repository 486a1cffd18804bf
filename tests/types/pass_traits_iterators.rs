// generics, traits, associated types, iterators
trait Container {
    type Item;
    fn get(&self, i: usize) -> Option<&Self::Item>;
    fn first(&self) -> Option<&Self::Item> { self.get(0) }
    fn size(&self) -> usize;
}
struct Stack<T> { items: Vec<T> }
impl<T> Stack<T> {
    fn new() -> Self { Stack { items: Vec::new() } }
    fn push(&mut self, t: T) { self.items.push(t); }
    fn pop(&mut self) -> Option<T> { self.items.pop() }
    fn peek(&self) -> Option<&T> { self.items.last() }
    fn len(&self) -> usize { self.items.len() }
    fn is_empty(&self) -> bool { self.items.is_empty() }
}
impl<T> Container for Stack<T> {
    type Item = T;
    fn get(&self, i: usize) -> Option<&T> { self.items.get(i) }
    fn size(&self) -> usize { self.items.len() }
}
fn describe<C: Container>(c: &C) -> usize where C::Item: std::fmt::Debug {
    if let Some(x) = c.first() { println!("first {:?}", x); }
    c.size()
}
struct Counter { n: u32 }
impl Iterator for Counter {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.n < 5 { self.n += 1; Some(self.n) } else { None }
    }
}
fn sum_all<I: Iterator<Item = u32>>(it: I) -> u32 { it.sum() }
fn evens() -> impl Iterator<Item = u64> { (0..10).filter(|x| x % 2 == 0) }
fn main() {
    let mut s: Stack<i32> = Stack::new();
    s.push(1);
    s.push(2);
    println!("{:?} {} {}", s.peek(), s.len(), s.is_empty());
    println!("{}", describe(&s));
    let top = s.pop().unwrap();
    println!("{}", top);
    let c = Counter { n: 0 };
    println!("{}", sum_all(c));
    let total: u32 = Counter { n: 0 }.zip(Counter { n: 0 }.skip(1)).map(|(a, b)| a * b).filter(|x| x % 3 == 0).sum();
    println!("{}", total);
    let v: Vec<u64> = evens().collect();
    println!("{:?} {}", v, v.iter().any(|&x| x == 4));
    let m = v.iter().max().unwrap();
    let pos = v.iter().position(|&x| x == 6);
    println!("{} {:?}", m, pos);
    let names = vec![String::from("a"), String::from("bb")];
    let lens: Vec<usize> = names.iter().map(|n| n.len()).collect();
    let longest = names.iter().max_by_key(|n| n.len()).unwrap();
    println!("{:?} {}", lens, longest);
    let mut sorted = vec![3, 1, 2];
    sorted.sort_by(|a, b| b.cmp(a));
    println!("{:?}", sorted);
    let folded = (1..=4).fold(0, |acc, x| acc + x);
    let chained: Vec<i32> = (1..3).chain(5..7).rev().collect();
    println!("{} {:?}", folded, chained);
    for (i, c) in "abc".chars().enumerate() { println!("{} {}", i, c); }
    let count = (0..100).step_by(10).take(3).count();
    println!("{}", count);
}
