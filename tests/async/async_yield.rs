// yield_now: a task that yields runs again in the next pass, after every
// other task that could progress in this one.
async fn ticker(name: u32, n: u32) -> u32 {
    let mut i = 0;
    while i < n {
        println!("{} tick {} at {}ms", name, i, now());
        yield_now().await;
        i += 1;
    }
    name * 100 + n
}

async fn main() {
    let a = spawn(ticker(1, 3));
    let b = spawn(ticker(2, 2));
    yield_now().await;
    println!("main after one yield");
    let ra = a.await;
    let rb = b.await;
    println!("results {} {} at {}ms", ra, rb, now());
}
