// An unclosed brace is reported at the end of the file, labelled at the opening brace.
fn main() {
    let a = 1;
    if a > 0 {
        println!("x");
}
//~ ERROR this file contains an unclosed delimiter