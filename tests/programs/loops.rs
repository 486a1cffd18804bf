fn main() {
    let mut i = 0;
    let mut total: u32 = 0;
    while i < 10 {
        i += 1;
        if i % 3 == 0 {
            continue;
        }
        total += i;
    }
    println!("total {}", total);
    let mut n = 27u64;
    let mut steps = 0;
    loop {
        if n == 1 {
            break;
        }
        if n % 2 == 0 { n /= 2; } else { n = 3 * n + 1; }
        steps += 1;
    }
    println!("collatz steps {}", steps);
}
