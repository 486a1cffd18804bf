fn check(n: i32) -> i32 {
    if n > 2 {
        panic!("n too big: {} > {}", n, 2);
    }
    n
}

fn main() {
    println!("{}", check(1));
    println!("{}", check(2));
    println!("{}", check(3));
}
