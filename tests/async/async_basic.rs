// Plain async fns: nested awaits, sleep, yield_now and the virtual clock.
async fn add_later(a: u64, b: u64, ms: u64) -> u64 {
    sleep(ms).await;
    a + b
}

async fn twice(x: u64) -> u64 {
    let first = add_later(x, 1, 10).await;
    let second = add_later(first, 2, 5).await;
    first + second
}

async fn main() {
    println!("start at {}", now());
    let v = twice(3).await;
    println!("twice(3) = {} at {}ms", v, now());
    yield_now().await;
    let w = add_later(v, v, 0).await;
    println!("w = {} at {}ms", w, now());
}
