// trait objects in containers, generics with dyn, dyn upcasting, Box<dyn Error>, ? with From
use std::error::Error;
use std::fmt;
#[derive(Debug)]
struct MyErr(String);
impl fmt::Display for MyErr { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { write!(f, "my: {}", self.0) } }
impl Error for MyErr {}
fn step(x: i32) -> Result<i32, MyErr> { if x < 0 { Err(MyErr("neg".into())) } else { Ok(x + 1) } }
fn run(s: &str) -> Result<i32, Box<dyn Error>> {
    let n: i32 = s.parse()?;
    let m = step(n)?;
    if m > 100 { return Err("too big".into()); }
    Ok(m)
}
trait Plugin { fn name(&self) -> &str; fn run(&mut self, input: i32) -> i32; }
struct Doubler { calls: u32 }
impl Plugin for Doubler { fn name(&self) -> &str { "doubler" } fn run(&mut self, i: i32) -> i32 { self.calls += 1; i * 2 } }
struct Adder(i32);
impl Plugin for Adder { fn name(&self) -> &str { "adder" } fn run(&mut self, i: i32) -> i32 { i + self.0 } }
fn pipeline(ps: &mut Vec<Box<dyn Plugin>>, mut v: i32) -> i32 { for p in ps.iter_mut() { v = p.run(v); } v }
fn names(ps: &[Box<dyn Plugin>]) -> Vec<&str> { ps.iter().map(|p| p.name()).collect() }
fn main() {
    println!("{:?}", run("5").ok());
    match run("x") { Ok(v) => println!("{}", v), Err(e) => println!("err {}", e) }
    match run("-3") { Ok(v) => println!("{}", v), Err(e) => println!("err {}", e) }
    let mut ps: Vec<Box<dyn Plugin>> = Vec::new();
    ps.push(Box::new(Doubler { calls: 0 }));
    ps.push(Box::new(Adder(3)));
    println!("{} {:?}", pipeline(&mut ps, 5), names(&ps));
    let r: &mut dyn Plugin = &mut Adder(1);
    println!("{}", r.run(1));
}
