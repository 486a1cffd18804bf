fn main() {
    let b = true;
    let a = if b { 1 } else { "two" };
    let c = match b { true => 1u8, false => { let z = 3; "x" } };
}
