// Spawn ordering: tasks run in creation order within a pass, main first;
// timers that expire at the same instant run in creation order.
async fn worker(id: u64, ms: u64) -> u64 {
    println!("worker {} starts at {}ms", id, now());
    sleep(ms).await;
    println!("worker {} wakes at {}ms", id, now());
    id * 10
}

async fn main() {
    let a = spawn(worker(1, 20));
    let b = spawn(worker(2, 10));
    let c = spawn(worker(3, 20));
    println!("main spawned three at {}ms", now());
    sleep(10).await;
    println!("main wakes at {}ms", now());
    let x = c.await;
    println!("c -> {} at {}ms", x, now());
    let y = a.await;
    let z = b.await;
    println!("a -> {}, b -> {} at {}ms", y, z, now());
}
