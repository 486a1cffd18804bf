// Closure forms: untyped, typed, block bodies, move, returning closures.
fn main() {
    let add = |a, b| a + b;
    let typed = |a: u64| -> u64 { a * 2 };
    let mut count = 0;
    let mut inc = || count += 1;
    inc();
    let s = String::from("owned");
    let consume = move || s.len();
    let nested = |x: u64| move |y: u64| x + y;
    let v: Vec<u64> = vec![1, 2, 3].iter().map(|x| x + 1).filter(|&x| x > 2).collect();
    let b: Box<dyn Fn(u64) -> u64> = Box::new(|x| x);
    let r = (|x: u64| x)(3);
}
