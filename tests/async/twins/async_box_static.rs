// The rustc twin of ../async_box_static.rs: each `.box` / dyn_box! on a
// static call desugared by hand into Box::pin (one allocation each).
#[path = "../../twins/rt.rs"]
mod rt;
use rt::{now, sleep, spawn};
use std::future::Future;
use std::pin::Pin;

fn boxed<'a, T>(f: impl Future<Output = T> + 'a) -> Pin<Box<dyn Future<Output = T> + 'a>> {
    Box::pin(f)
}

async fn fib(n: u64) -> u64 {
    if n < 2 {
        sleep(1).await;
        return n;
    }
    let a = boxed(fib(n - 1)).await;
    let b = boxed(fib(n - 2)).await;
    a + b
}

async fn label(x: u64) -> u64 {
    sleep(x).await;
    println!("label {} done at {}ms", x, now());
    x * 2
}

async fn async_main() {
    let v = fib(6).await;
    println!("fib(6) = {} at {}ms", v, now());
    let first = boxed(label(3));
    let second = boxed(label(1));
    let dropped = boxed(label(100));
    drop(dropped);
    let b = second.await;
    let a = first.await;
    println!("a = {}, b = {} at {}ms", a, b, now());
    let h = spawn(boxed(label(2)));
    println!("spawned a boxed future");
    println!("joined {} at {}ms", h.await, now());
}

fn main() {
    rt::run_main(async_main());
}
