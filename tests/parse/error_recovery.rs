// Three unrelated syntax errors give three diagnostics; parsing goes on.
fn one() {
    let x = 1 +;   //~ ERROR expected expression
}

struct S { a: u64 b: u64 } //~ ERROR expected `}`

fn two() -> u64 {
    let y = (1, 2;   //~ ERROR expected `)`
    y.0
}

fn fine() -> u64 { 3 }
