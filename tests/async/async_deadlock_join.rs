// Deadlock after timers: tasks finish, then main awaits a task that waits
// on nothing. The executor runs every timer out first (the clock reaches
// 4ms), then finds nothing that can progress and panics.
async fn forever(id: u32) -> u32 {
    println!("task {} parks at {}ms", id, now());
    std::future::pending::<()>().await;
    id
}

async fn timed(id: u32, ms: u64) -> u32 {
    sleep(ms).await;
    println!("task {} done at {}ms", id, now());
    id
}

async fn main() {
    let a = spawn(timed(1, 4));
    let stuck = spawn(forever(2));
    let b = spawn(timed(3, 2));
    println!("joined {} at {}ms", b.await, now());
    println!("joined {} at {}ms", a.await, now());
    let v = stuck.await;
    println!("unreachable {}", v);
}
