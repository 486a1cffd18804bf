fn classify(n: i32) -> &'static str {
    match n {
        i32::MIN..=-1 => "negative",
        0 => "zero",
        1 | 2 | 3 => "small",
        x if x % 2 == 0 => "even",
        _ => "odd",
    }
}

fn letter(c: char) -> u32 {
    match c {
        'a'..='z' => 1,
        'A'..='Z' => 2,
        _ => 0,
    }
}

fn main() {
    let mut i = -2;
    while i < 8 {
        println!("{} {}", i, classify(i));
        i += 1;
    }
    println!("{} {} {}", letter('q'), letter('Q'), letter('?'));
    let b = true;
    match b {
        true => println!("yes"),
        false => println!("no"),
    }
}
