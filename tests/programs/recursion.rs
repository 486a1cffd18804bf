fn fib(n: u32) -> u64 {
    if n < 2 { n as u64 } else { fib(n - 1) + fib(n - 2) }
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { return a; }
    gcd(b, a % b)
}

fn is_even(n: u32) -> bool {
    if n == 0 { true } else { is_odd(n - 1) }
}

fn is_odd(n: u32) -> bool {
    if n == 0 { false } else { is_even(n - 1) }
}

fn main() {
    for i in 0..15 {
        print!("{} ", fib(i));
    }
    println!();
    println!("{}", fib(30));
    println!("{} {}", gcd(1071, 462), gcd(17, 5));
    println!("{} {}", is_even(10), is_odd(7));
}
