// dynbox-only: `.box` and dyn_box! are the proposal's syntax, not Rust.
// `.box` on static calls of async fns: recursion through a box, and boxed
// futures stored, awaited later or dropped unawaited. Each `.box`
// evaluation is exactly one boxed-future allocation (fib(6) boxes 24
// times, the rest 4 more); nothing is live at exit.
async fn fib(n: u64) -> u64 {
    if n < 2 {
        sleep(1).await;
        return n;
    }
    let a = fib(n - 1).box.await;
    let b = dyn_box!(fib(n - 2)).await;
    a + b
}

async fn label(x: u64) -> u64 {
    sleep(x).await;
    println!("label {} done at {}ms", x, now());
    x * 2
}

async fn main() {
    let v = fib(6).await;
    println!("fib(6) = {} at {}ms", v, now());
    let first = label(3).box;
    let second = label(1).box;
    let dropped = label(100).box;
    drop(dropped);
    let b = second.await;
    let a = first.await;
    println!("a = {}, b = {} at {}ms", a, b, now());
    let h = spawn(label(2).box);
    println!("spawned a boxed future");
    println!("joined {} at {}ms", h.await, now());
}
