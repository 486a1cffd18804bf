// dynbox-only: boxed futures of different types in one
// `Vec<Pin<Box<dyn Future<Output = u64>>>>` (from `.box` on static calls and
// through `dyn`), awaited out of order, spawned, and dropped unawaited: a
// dropped future that was never polled drops its arguments (Ticket's Drop
// prints), in the Vec's order. Boxed: 5 in the Vec + 1 spawned = 6.
use std::future::Future;
use std::pin::Pin;

struct Ticket {
    id: u32,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        println!("  drop ticket {} at {}ms", self.id, now());
    }
}

trait Worker {
    async fn work(&self, t: Ticket) -> u64;
}

struct Fast;
struct Slow {
    ms: u64,
}

impl Worker for Fast {
    async fn work(&self, t: Ticket) -> u64 {
        yield_now().await;
        t.id as u64
    }
}

impl Worker for Slow {
    async fn work(&self, t: Ticket) -> u64 {
        sleep(self.ms).await;
        t.id as u64 * 10
    }
}

async fn plain(t: Ticket, ms: u64) -> u64 {
    sleep(ms).await;
    t.id as u64 * 100
}

async fn main() {
    let fast = Fast;
    let slow: Box<dyn Worker> = Box::new(Slow { ms: 3 });
    let w: &dyn Worker = &fast;
    let mut futs: Vec<Pin<Box<dyn Future<Output = u64>>>> = Vec::new();
    futs.push(plain(Ticket { id: 1 }, 2).box);
    futs.push(w.work(Ticket { id: 2 }).box);
    futs.push(slow.work(Ticket { id: 3 }).box);
    futs.push(plain(Ticket { id: 4 }, 1).box);
    futs.push(slow.work(Ticket { id: 5 }).box);
    println!("{} boxed futures at {}ms", futs.len(), now());
    let third = futs.remove(2);
    println!("third = {} at {}ms", third.await, now());
    let first = futs.remove(0);
    println!("first = {} at {}ms", first.await, now());
    let h = spawn(plain(Ticket { id: 6 }, 1).box);
    println!("dropping {} unawaited at {}ms", futs.len(), now());
    drop(futs);
    println!("spawned = {} at {}ms", h.await, now());
}
