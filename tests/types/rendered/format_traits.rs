struct P { x: i32 }
enum E { A }
fn main() {
    let p = P { x: 1 };
    println!("{:?} {}", p, E::A);
    let v: Vec<i32> = vec![1];
    println!("{}", v);
}
