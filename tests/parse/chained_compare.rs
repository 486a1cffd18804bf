// Comparison operators do not chain in Rust.
fn main() {
    let a = 1 < 2 < 3; //~ ERROR comparison operators cannot be chained
}
