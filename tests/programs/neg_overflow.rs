fn neg(a: i32) -> i32 {
    -a
}

fn main() {
    println!("{}", neg(5));
    println!("{}", neg(-2147483647 - 1));
}
