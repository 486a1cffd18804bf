fn main() {
    let base = 10;
    let add = |x: i32| x + base;
    println!("add: {} {}", add(1), add(32));

    let mut total = 0;
    let mut accumulate = |x: i32| {
        total += x;
        total
    };
    accumulate(5);
    accumulate(7);
    println!("after accumulate: {}", accumulate(0));
    println!("total: {}", total);

    let factor = 3;
    let scale = move |x: i64| x * factor as i64;
    println!("scale: {}", scale(14));

    let square = |x: u64| -> u64 { x * x };
    let twice = |x: u64| square(square(x));
    println!("twice: {}", twice(3));

    let mut counter = 0u32;
    let mut bump = || counter += 1;
    bump();
    bump();
    bump();
    println!("counter: {}", counter);

    let greet = |name: &str, times: usize| {
        for i in 0..times {
            println!("hello {} #{}", name, i);
        }
    };
    greet("closure", 2);

    let pair = (4, 5);
    let swap = |(a, b): (i32, i32)| (b, a);
    let (x, y) = swap(pair);
    println!("swap: {} {}", x, y);

    let nested = |a: i32| {
        let inner = |b: i32| a * 100 + b;
        inner(a + 1)
    };
    println!("nested: {}", nested(4));

    let no_args = || 99;
    println!("no args: {}", no_args());
}
