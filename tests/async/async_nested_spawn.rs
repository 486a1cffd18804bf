// Tasks spawning tasks: a task spawned during a pass is reached in that
// same pass; detached handles keep their tasks running.
async fn leaf(id: u32, ms: u64) -> u32 {
    sleep(ms).await;
    println!("leaf {} done at {}ms", id, now());
    id
}

async fn parent(id: u32) -> u32 {
    println!("parent {} starts at {}ms", id, now());
    let a = spawn(leaf(id * 10 + 1, 3));
    let b = spawn(leaf(id * 10 + 2, 1));
    let detached = spawn(leaf(id * 10 + 3, 2));
    drop(detached);
    let s = a.await + b.await;
    println!("parent {} joined at {}ms", id, now());
    s
}

async fn main() {
    let p1 = spawn(parent(1));
    let p2 = spawn(parent(2));
    yield_now().await;
    println!("main resumes at {}ms", now());
    let total = p2.await + p1.await;
    println!("total {} at {}ms", total, now());
    sleep(5).await;
    println!("main ends at {}ms", now());
}
