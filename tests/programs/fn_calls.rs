fn square(x: i64) -> i64 {
    x * x
}

fn sum3(a: i64, b: i64, c: i64) -> i64 {
    a + b + c
}

fn greet() {
    println!("hello from greet");
}

fn fact(n: u64) -> u64 {
    if n == 0 { 1 } else { n * fact(n - 1) }
}

fn main() {
    greet();
    println!("{}", square(12));
    println!("{}", sum3(square(2), square(3), 4));
    println!("20! = {}", fact(20));
}
