// The rustc twin of ../async_boxed_vec_dyn.rs: `.box` on static calls is
// Box::pin, the async trait method a method returning Pin<Box<dyn Future>>.
#[path = "../../twins/rt.rs"]
mod rt;
use rt::{now, sleep, spawn, yield_now};
use std::future::Future;
use std::pin::Pin;

type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

struct Ticket {
    id: u32,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        println!("  drop ticket {} at {}ms", self.id, now());
    }
}

trait Worker {
    fn work(&self, t: Ticket) -> BoxFut<'_, u64>;
}

struct Fast;
struct Slow {
    ms: u64,
}

impl Worker for Fast {
    fn work(&self, t: Ticket) -> BoxFut<'_, u64> {
        Box::pin(async move {
            let t = t; // an async fn owns its parameters whole
            yield_now().await;
            t.id as u64
        })
    }
}

impl Worker for Slow {
    fn work(&self, t: Ticket) -> BoxFut<'_, u64> {
        Box::pin(async move {
            let t = t;
            sleep(self.ms).await;
            t.id as u64 * 10
        })
    }
}

async fn plain(t: Ticket, ms: u64) -> u64 {
    sleep(ms).await;
    t.id as u64 * 100
}

async fn async_main() {
    let fast = Fast;
    let slow: Box<dyn Worker> = Box::new(Slow { ms: 3 });
    let w: &dyn Worker = &fast;
    let mut futs: Vec<Pin<Box<dyn Future<Output = u64>>>> = Vec::new();
    futs.push(Box::pin(plain(Ticket { id: 1 }, 2)));
    futs.push(w.work(Ticket { id: 2 }));
    futs.push(slow.work(Ticket { id: 3 }));
    futs.push(Box::pin(plain(Ticket { id: 4 }, 1)));
    futs.push(slow.work(Ticket { id: 5 }));
    println!("{} boxed futures at {}ms", futs.len(), now());
    let third = futs.remove(2);
    println!("third = {} at {}ms", third.await, now());
    let first = futs.remove(0);
    println!("first = {} at {}ms", first.await, now());
    let h = spawn(Box::pin(plain(Ticket { id: 6 }, 1)));
    println!("dropping {} unawaited at {}ms", futs.len(), now());
    drop(futs);
    println!("spawned = {} at {}ms", h.await, now());
}

fn main() {
    rt::run_main(async_main());
}
