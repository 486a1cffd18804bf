// dynbox-only: the deadlock panic's location (main's `async fn`) is
// dynbox's; rustc's twin would panic inside the executor shim instead.
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
