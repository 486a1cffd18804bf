// A missing `;` points just past the previous token, as rustc does.
fn main() {
    let a = 1 //~ ERROR expected `;`
    let b = 2;
}
