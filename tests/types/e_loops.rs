fn f() -> u32 {
    return; //~ ERROR `return;` in a function whose return type is not `()`
}
fn main() {
    break; //~ ERROR `break` outside of a loop
    loop { break 'nope; } //~ ERROR use of undeclared label `'nope`
    while true { break 5; } //~ ERROR `break` with value from a `while` loop
    let x: u32 = loop { break "s"; }; //~ ERROR E0308
    let y = if true { 1 }; //~ ERROR `if` may be missing an `else` clause
    let c = || { break; }; //~ ERROR E0267
    let z = 5 as String; //~ ERROR non-primitive cast: `{integer}` as `String`
    let w = &5u8 as u32; //~ ERROR E0606
}
