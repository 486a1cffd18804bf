// Loops with awaits: while, loop with a break value, for over a range,
// locals that live across every suspension.
async fn step(x: u64) -> u64 {
    sleep(1).await;
    x + 1
}

async fn count_to(n: u64) -> u64 {
    let mut acc = 0;
    let mut i = 0;
    while i < n {
        acc = acc + step(i).await;
        i += 1;
    }
    acc
}

async fn first_over(limit: u64) -> u64 {
    let mut v = 0;
    let found = loop {
        v = step(v).await;
        if v * v > limit {
            break v;
        }
    };
    found * 2
}

async fn main() {
    let a = count_to(4).await;
    println!("count_to(4) = {} at {}ms", a, now());
    let b = first_over(50).await;
    println!("first_over(50) = {} at {}ms", b, now());
    let mut total = 0;
    for k in 0..3 {
        let s = step(k * 10).await;
        total += s;
        println!("k = {}, s = {}, total = {}", k, s, total);
    }
    println!("done at {}ms", now());
}
