// yield_now fairness: each yield lets every other runnable task run once
// before the yielder is polled again (one poll per task per pass), without
// advancing the virtual clock; a sleeping task waits for the clock.
async fn spinner(name: &'static str, rounds: u32) -> u32 {
    let mut i = 0;
    while i < rounds {
        println!("{} round {} at {}ms", name, i, now());
        yield_now().await;
        i += 1;
    }
    i
}

async fn sleeper() -> u32 {
    println!("sleeper starts at {}ms", now());
    sleep(1).await;
    println!("sleeper wakes at {}ms", now());
    100
}

async fn main() {
    let a = spawn(spinner("a", 3));
    let s = spawn(sleeper());
    let b = spawn(spinner("b", 2));
    let mut mine = 0;
    while mine < 2 {
        println!("main round {} at {}ms", mine, now());
        yield_now().await;
        mine += 1;
    }
    let total = a.await + b.await + s.await;
    println!("total {} at {}ms", total, now());
}
