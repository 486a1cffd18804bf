// Spawning in a loop: handles kept in a Vec and awaited in reverse; tasks
// run in spawn order in every pass, outputs are Strings moved out of the
// handles; a task spawned by a task runs in the same pass it was spawned.
async fn job(i: u64) -> String {
    println!("job {} starts at {}ms", i, now());
    sleep(i % 3).await;
    println!("job {} ends at {}ms", i, now());
    format!("r{}", i * i)
}

async fn spawner(n: u64) -> u64 {
    let mut handles = Vec::new();
    for i in 0..n {
        handles.push(spawn(job(100 + i)));
    }
    let mut total = 0;
    for h in handles {
        total += h.await.len() as u64;
    }
    total
}

async fn main() {
    let mut handles = Vec::new();
    for i in 0..6u64 {
        handles.push(spawn(job(i)));
    }
    let s = spawn(spawner(2));
    println!("spawned {} at {}ms", handles.len() + 1, now());
    let mut outs = Vec::new();
    while let Some(h) = handles.pop() {
        outs.push(h.await);
    }
    println!("{:?} at {}ms", outs, now());
    println!("spawner total {} at {}ms", s.await, now());
}
