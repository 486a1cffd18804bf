// E0308 mismatched types: annotations, arguments, returns, branches, arms
fn takes(a: u32, b: &str) -> u32 { a }
fn ret() -> String {
    "text" //~ ERROR mismatched types
}
fn early(x: bool) -> u64 {
    if x { return "no"; } //~ ERROR mismatched types
    1
}
fn main() {
    let a: u32 = "a"; //~ ERROR mismatched types
    let b = takes(1, 2); //~ ERROR E0308
    let c = if a > 1 { 1 } else { "one" }; //~ ERROR `if` and `else` have incompatible types
    let d = match b { 0 => 'x', _ => 1.5 }; //~ ERROR `match` arms have incompatible types
    let e: Vec<u8> = vec![1, 2];
    let f: Option<u8> = e; //~ ERROR E0308
    let g = (1u8, 2u16);
    let h: (u8, u8) = g; //~ ERROR E0308
    let i: bool = 1 == 1;
    let j = 3u64 + 4u32; //~ ERROR E0308
    //~^ ERROR cannot add `u32` to `u64`
}
