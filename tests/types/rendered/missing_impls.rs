struct P { x: i32 }
trait Speak { fn speak(&self) -> String; fn volume(&self) -> u8; }
impl Speak for P { fn speak(&self) -> String { String::new() } }
fn main() {
    let p = P { x: 1 };
    println!("{}", p);
    let q = P { x: 2 };
    let same = p == q;
}
