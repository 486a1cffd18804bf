#[derive(Debug, Clone, Copy)]
struct Stats {
    min: i64,
    max: i64,
    sum: i64,
}

fn main() {
    let mut stats = Stats { min: i64::MAX, max: i64::MIN, sum: 0 };
    let mut observe = |x: i64| {
        if x < stats.min {
            stats.min = x;
        }
        if x > stats.max {
            stats.max = x;
        }
        stats.sum += x;
    };
    for i in 0..10 {
        observe((i * 7) % 11 - 3);
    }
    println!("{:?}", stats);

    let classify = |n: u32| match n % 15 {
        0 => "fizzbuzz",
        3 | 6 | 9 | 12 => "fizz",
        5 | 10 => "buzz",
        _ => "",
    };
    for n in 1..=15 {
        let word = classify(n);
        if word.is_empty() {
            print!("{} ", n);
        } else {
            print!("{} ", word);
        }
    }
    println!();

    let mut fib_state = (0u64, 1u64);
    let mut next_fib = || {
        let r = fib_state.0;
        fib_state = (fib_state.1, fib_state.0 + fib_state.1);
        r
    };
    for _ in 0..12 {
        print!("{} ", next_fib());
    }
    println!();

    let offsets = (10, 20, 30);
    let shift = |x: i32, which: usize| -> i32 {
        let o = if which == 0 { offsets.0 } else if which == 1 { offsets.1 } else { offsets.2 };
        x + o
    };
    let mut acc = 0;
    for i in 0..3 {
        acc = shift(acc, i);
        println!("step {} -> {}", i, acc);
    }
    let compose = |x: i32| shift(shift(x, 0), 2);
    println!("compose {}", compose(1));
}
