enum E { A(u32, u32), B { x: u32 }, C }
struct P { x: u32, y: u32 }
fn main() {
    match E::C {
        E::A(a) => {} //~ ERROR this pattern has 1 field, but the corresponding tuple variant has 2 fields
        E::B { z } => {} //~ ERROR variant `E::B` does not have a field named `z`
        _ => {}
    }
    let P { x } = P { x: 1, y: 2 }; //~ ERROR pattern does not mention field `y`
    match (1, 2) { (a, b, c) => {} } //~ ERROR E0308
    let s = String::new();
    match s { "a" => {} _ => {} } //~ ERROR mismatched types
}
