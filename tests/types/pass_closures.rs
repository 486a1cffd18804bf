// closures, FnMut, FnOnce, move, Box<dyn Fn>, function pointers
fn call_twice<F: FnMut()>(mut f: F) { f(); f(); }
fn consume<F: FnOnce() -> String>(f: F) -> String { f() }
fn compose<A, B, C>(f: impl Fn(A) -> B, g: impl Fn(B) -> C) -> impl Fn(A) -> C { move |x| g(f(x)) }
fn apply_fp(f: fn(i32) -> i32, x: i32) -> i32 { f(x) }
fn double(x: i32) -> i32 { x * 2 }
struct Button { handlers: Vec<Box<dyn Fn(&str) -> String>> }
impl Button {
    fn click(&self, who: &str) -> Vec<String> { self.handlers.iter().map(|h| h(who)).collect() }
}
fn make_counter() -> impl FnMut() -> u32 { let mut c = 0; move || { c += 1; c } }
fn main() {
    let mut n = 0;
    call_twice(|| n += 1);
    println!("{}", n);
    let s = String::from("owned");
    println!("{}", consume(move || s + "!"));
    let f = compose(|x: i32| x + 1, |y: i32| y * 10);
    println!("{}", f(2));
    println!("{} {}", apply_fp(double, 4), apply_fp(|x| x - 1, 4));
    let b = Button { handlers: vec![Box::new(|w| format!("hi {}", w)), Box::new(|w: &str| w.to_uppercase())] };
    println!("{:?}", b.click("bob"));
    let mut c = make_counter();
    c();
    println!("{}", c());
    let mut v = vec![1, 2, 3];
    v.iter_mut().for_each(|x| *x *= 2);
    v.retain(|&x| x > 2);
    println!("{:?}", v);
    let add = |a: i32, b: i32| -> i32 { a + b };
    println!("{}", add(1, 2));
    let mut log: Vec<String> = Vec::new();
    let mut record = |m: &str| log.push(m.to_string());
    record("a");
    record("b");
    println!("{:?}", log);
    let fs: Vec<Box<dyn Fn(i32) -> i32>> = vec![Box::new(|x| x + 1), Box::new(double)];
    println!("{}", fs.iter().map(|f| f(10)).sum::<i32>());
}
