fn main() {
    let v = Vec::new(); //~ ERROR type annotations needed for `Vec<_>`
}
