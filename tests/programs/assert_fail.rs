fn main() {
    let a = 3;
    assert!(a > 1);
    assert_eq!(a + 1, 4);
    println!("before");
    assert_eq!(a * 2, 7);
    println!("after");
}
