// async blocks: capturing by reference and by move, spawned, awaited
// later, and dropped unpolled (dropping what they captured).
async fn double(x: u64) -> u64 {
    sleep(2).await;
    x * 2
}

async fn main() {
    let base = 5;
    let label = String::from("block");
    let by_ref = async {
        let d = double(base).await;
        d + 1
    };
    println!("made the block at {}ms", now());
    let v = by_ref.await;
    println!("by_ref -> {} at {}ms", v, now());

    let owned = async move {
        sleep(3).await;
        format!("{} {}", label, base)
    };
    let h = spawn(owned);
    let unpolled = async {
        println!("never printed");
        1u64
    };
    drop(unpolled);
    let text = h.await;
    println!("spawned -> {} at {}ms", text, now());

    let mut total = 0;
    let mut i = 0;
    while i < 3 {
        let step = async move { double(i).await + 1 };
        total += step.await;
        i += 1;
    }
    println!("total {} at {}ms", total, now());
}
