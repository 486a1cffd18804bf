// Nested async blocks: blocks inside blocks, borrowing and moving captures,
// awaited in place or later, returning values out through several levels.
async fn double(x: u64) -> u64 {
    yield_now().await;
    x * 2
}

async fn main() {
    let base = 10u64;
    let name = String::from("outer");
    let outer = async {
        let inner = async {
            let d = double(base).await;
            sleep(2).await;
            d + 1
        };
        let v = inner.await;
        let moved = async move {
            sleep(1).await;
            format!("{}:{}", name, v)
        };
        let s = moved.await;
        (v, s)
    };
    let (v, s) = outer.await;
    println!("v = {}, s = {} at {}ms", v, s, now());
    let mut parts = Vec::new();
    let mut i = 0u64;
    while i < 3 {
        let block = async move {
            let inner = async move { double(i).await + 100 };
            inner.await + double(i + 1).await
        };
        parts.push(block.await);
        i += 1;
    }
    println!("parts {:?} at {}ms", parts, now());
    let later = async { sleep(5).await; base + 1 };
    println!("not awaited yet at {}ms", now());
    println!("later = {} at {}ms", later.await, now());
}
