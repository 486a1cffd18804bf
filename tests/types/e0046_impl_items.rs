trait Shape {
    fn area(&self) -> u64;
    fn name(&self) -> String;
    type Unit;
    fn describe(&self) -> String { self.name() }
}
struct Sq;
impl Shape for Sq { //~ ERROR not all trait items implemented, missing: `name`, `Unit`
    fn area(&self) -> u64 { 1 }
    fn perimeter(&self) -> u64 { 4 } //~ ERROR method `perimeter` is not a member of trait `Shape`
    const SIDES: u32 = 4; //~ ERROR E0438
}
fn main() {}
