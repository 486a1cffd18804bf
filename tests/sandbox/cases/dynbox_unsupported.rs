// What the lowering cannot compile yet comes back as a compile result with
// the "not supported yet" diagnostic, never as a crash or a silent no-op.
// (When 128-bit integers lower, pick another construct still missing.)
// expect: status=ok compile=fail run=null diagnostic=cannot be compiled to C yet
// load: yes
fn main() {
    let big: u128 = 1;
    println!("{}", big);
}
