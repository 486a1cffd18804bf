// Generic async fns: one state machine per instance.
async fn delayed<T: Copy>(v: T, ms: u64) -> T {
    sleep(ms).await;
    v
}

async fn pair<A: Copy, B: Copy>(a: A, b: B) -> (A, B) {
    let x = delayed(a, 3).await;
    let y = delayed(b, 4).await;
    (x, y)
}

async fn main() {
    let p = pair(7u32, 'z').await;
    println!("{:?} at {}ms", p, now());
    let q = pair(true, 2.5f64).await;
    println!("{:?} at {}ms", q, now());
    let h1 = spawn(delayed(10u8, 5));
    let h2 = spawn(delayed(-3i64, 1));
    println!("{} {} at {}ms", h1.await, h2.await, now());
}
