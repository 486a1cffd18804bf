use std::fmt::Display;
trait Handler<R> { fn handle(&self, req: R) -> String; }
struct Echo;
struct Prefix { p: String }
impl Handler<u32> for Echo { fn handle(&self, req: u32) -> String { format!("echo {}", req) } }
impl Handler<u32> for Prefix { fn handle(&self, req: u32) -> String { format!("{}{}", self.p, req) } }
trait Describe { fn describe(&self) -> String; }
impl<T: Display> Describe for T { fn describe(&self) -> String { format!("[{}]", self) } }
struct Wrapper<T> { inner: T }
impl<T: Describe> Wrapper<T> { fn show(&self) -> String { self.inner.describe() } }
fn all(hs: &Vec<Box<dyn Handler<u32>>>, r: u32) -> Vec<String> { hs.iter().map(|h| h.handle(r)).collect() }
fn main() {
    let hs: Vec<Box<dyn Handler<u32>>> = vec![Box::new(Echo), Box::new(Prefix { p: String::from("#") })];
    println!("{:?}", all(&hs, 7));
    let d: &dyn Describe = &42i32;
    println!("{} {}", d.describe(), "s".describe());
    let w = Wrapper { inner: 2.5 };
    println!("{}", w.show());
    let ds: Vec<Box<dyn Describe>> = vec![Box::new(1u8), Box::new(String::from("str"))];
    for x in &ds { println!("{}", x.describe()); }
}
