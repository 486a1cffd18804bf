trait T {
    fn a(&self, x: u32) -> u32;
    fn b(&self);
    fn c(&self, x: u32, y: u32);
    fn d(&self);
    fn e<X>(&self, x: X);
    async fn f(&self) -> u32;
    fn g(&self) -> u32;
}
struct S;
impl T for S {
    fn a(&self, x: u64) -> u32 { 1 } //~ ERROR method `a` has an incompatible type for trait
    fn b() {} //~ ERROR E0186
    fn c(&self, x: u32) {} //~ ERROR method `c` has 2 parameters but the declaration in trait `T::c` has 3
    fn d(&mut self) {} //~ ERROR E0053
    fn e(&self, x: u32) {} //~ ERROR E0049
    fn f(&self) -> u32 { 1 } //~ ERROR method should be `async` or return a future, but it is synchronous
    async fn g(&self) -> u32 { 1 } //~ ERROR method `g` has an incompatible type for trait
}
fn main() {}
