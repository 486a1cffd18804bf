// Closures inside async fns: captures of locals that live across awaits.
async fn apply(k: u64) -> u64 {
    let base = 10;
    let f = |x: u64| x * base + k;
    sleep(1).await;
    let v = vec![1u64, 2, 3];
    let s: u64 = v.iter().map(|x| f(*x)).sum();
    sleep(1).await;
    s + f(0)
}
async fn main() {
    println!("{} at {}ms", apply(2).await, now());
}
