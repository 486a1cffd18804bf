// Timers expiring at the same virtual instant wake their tasks in creation
// order (main first), whatever order the timers were armed in and however
// far in advance; the clock jumps straight to the earliest deadline.
async fn wake(id: u32, first: u64, second: u64) -> u32 {
    sleep(first).await;
    println!("{} first wake at {}ms", id, now());
    sleep(second).await;
    println!("{} second wake at {}ms", id, now());
    id
}

async fn main() {
    let h1 = spawn(wake(1, 10, 0));
    let h2 = spawn(wake(2, 4, 6));
    let h3 = spawn(wake(3, 7, 3));
    let h4 = spawn(wake(4, 10, 0));
    sleep(10).await;
    println!("main wakes at {}ms", now());
    let mut sum = 0;
    sum += h4.await;
    sum += h3.await;
    sum += h2.await;
    sum += h1.await;
    println!("sum {} at {}ms", sum, now());
    sleep(0).await;
    println!("sleep(0) returns at once: {}ms", now());
}
