// A sync `fn main` driving async code with block_on several times: the
// virtual clock carries over between calls, tasks spawned in one block_on
// keep running in the next, and values flow back out synchronously.
async fn add_later(a: u64, b: u64, ms: u64) -> u64 {
    sleep(ms).await;
    a + b
}

async fn background(id: u32) -> u32 {
    let mut i = 0;
    while i < 3 {
        sleep(2).await;
        println!("  background {} tick {} at {}ms", id, i, now());
        i += 1;
    }
    id
}

fn main() {
    let x = block_on(add_later(1, 2, 3));
    println!("x = {} at {}ms", x, now());
    let h = block_on(async { spawn(background(7)) });
    println!("spawned at {}ms", now());
    let y = block_on(add_later(x, 10, 3));
    println!("y = {} at {}ms", y, now());
    let id = block_on(h);
    println!("joined {} at {}ms", id, now());
    let mut acc = Vec::new();
    for k in 0..3u64 {
        acc.push(block_on(add_later(k, k, 1)));
    }
    println!("acc {:?} at {}ms", acc, now());
}
