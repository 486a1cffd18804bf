// Deadlock: main awaits a task that waits on nothing (std::future::pending):
// no task can progress and no timer is pending, so the executor panics.
async fn stuck() -> u32 {
    println!("stuck starts at {}ms", now());
    std::future::pending::<u32>().await
}

async fn main() {
    let h = spawn(stuck());
    sleep(3).await;
    println!("main waits at {}ms", now());
    let v = h.await;
    println!("unreachable {}", v);
}
