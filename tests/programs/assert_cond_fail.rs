fn main() {
    let x = 5u32;
    assert!(x < 3);
}
