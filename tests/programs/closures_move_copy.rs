#[derive(Debug, Clone, Copy)]
struct Counter {
    hits: u32,
    step: u32,
}

fn main() {
    let mut c = Counter { hits: 0, step: 2 };
    let snapshot = move || c.hits * 10;
    c.hits = 7;
    println!("snapshot {} live {}", snapshot(), c.hits);

    let mut advance = || {
        c.hits += c.step;
        c.hits
    };
    println!("{} {}", advance(), advance());
    println!("{:?}", c);

    let limit = 3;
    let within = |x: u32| x <= limit;
    let mut kept = 0;
    let mut i = 0;
    while i < 6 {
        if within(i) {
            kept += 1;
        }
        i += 1;
    }
    println!("kept {}", kept);

    let mut seq = 1u64;
    let mut next_pow = move || {
        seq *= 2;
        seq
    };
    println!("{} {} {}", next_pow(), next_pow(), next_pow());
    println!("original seq {}", seq);

    let describe = |n: i32| -> &'static str {
        if n < 0 {
            return "negative";
        }
        match n {
            0 => "zero",
            1..=9 => "small",
            _ => "large",
        }
    };
    println!("{} {} {} {}", describe(-5), describe(0), describe(7), describe(42));
}
