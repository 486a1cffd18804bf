fn classify(n: i32) -> &'static str {
    match n % 3 {
        0 => "fizz",
        1 => "one",
        2 => "two",
        _ => unreachable!("remainder of {} was {}", n, n % 3),
    }
}

fn main() {
    for i in 0..4 {
        println!("{} {}", i, classify(i));
    }
    println!("{}", classify(-1));
}
