#[derive(Debug)]
struct P {
    x: i32,
    y: f64,
}

#[derive(Debug)]
enum Maybe {
    Just(i32),
    Nothing,
}

fn main() {
    let j = Maybe::Just(7);
    println!("[{:5?}] [{:<4?}] [{:#?}]", j, P { x: 1, y: 2.5 }, j);
    println!("[{:6.2?}] [{:+?}] [{:04?}]", P { x: -3, y: 0.125 }, (1, -2), (5, 'c'));
    println!("[{:>8?}] [{:x?}] [{:#X?}]", Maybe::Nothing, P { x: 255, y: 1.0 }, (10, 11));
    println!("[{:>10}] [{:<10}] [{:^10}]", true, 'q', "mid");
    println!("[{:#?}]", P { x: 0, y: -0.0 });
}
