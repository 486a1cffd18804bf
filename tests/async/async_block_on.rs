// block_on from a synchronous main: each call runs the executor until its
// future is ready; the virtual clock keeps its time between calls.
async fn slow_square(x: u64) -> u64 {
    sleep(x).await;
    x * x
}

async fn both(a: u64, b: u64) -> u64 {
    let ha = spawn(slow_square(a));
    let hb = spawn(slow_square(b));
    ha.await + hb.await
}

fn main() {
    let v = block_on(slow_square(4));
    println!("{} at {}ms", v, now());
    let w = block_on(both(3, 5));
    println!("{} at {}ms", w, now());
}
