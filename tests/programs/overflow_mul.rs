fn main() {
    let mut x: u64 = 1;
    let mut i = 0;
    loop {
        x *= 10;
        i += 1;
        println!("{} {}", i, x);
    }
}
