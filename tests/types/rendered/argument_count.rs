fn add(a: u32, b: u32) -> u32 { a + b }
struct S;
impl S { fn m(&self, _x: u8, _y: &str) {} }
fn main() {
    let n = add(1, 2, 3);
    let k = add();
    S.m(1);
}
