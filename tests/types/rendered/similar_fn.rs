fn compute(a: i32) -> i32 { a }
fn main() {
    let z = compte(1);
}
