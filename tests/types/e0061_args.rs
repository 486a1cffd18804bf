fn two(a: u32, b: u32) -> u32 { a + b }
struct P(u8, u8);
struct Q;
impl Q { fn m(&self, x: u8) -> u8 { x } }
fn main() {
    two(1); //~ ERROR this function takes 2 arguments but 1 argument was supplied
    two(1, 2, 3); //~ ERROR this function takes 2 arguments but 3 arguments were supplied
    let p = P(1); //~ ERROR this struct takes 2 arguments but 1 argument was supplied
    Q.m(); //~ ERROR this method takes 1 argument but 0 arguments were supplied
    let c = |x: u8| x;
    c(1, 2); //~ ERROR E0057
    let n = 5;
    n(); //~ ERROR expected function, found `{integer}`
    let o = Some(1, 2); //~ ERROR this enum variant takes 1 argument but 2 arguments were supplied
}
