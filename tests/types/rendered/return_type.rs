fn f() -> u32 { "a" }
fn g(b: bool) -> u32 {
    let x = 1;
    if b { return "s"; }
    match b { true => 1, false => "x" }
}
fn main() {}
