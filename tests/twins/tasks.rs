// The twin of ../shared/examples/tasks.rs for rustc: `async fn work`
// through `dyn` desugared by hand into a method returning
// `Pin<Box<dyn Future>>` (the allocation of each `.box` site).
#[path = "rt.rs"]
mod rt;
use rt::{now, run_main, sleep, spawn, yield_now};
use std::future::Future;
use std::pin::Pin;

trait Worker {
    fn work<'a>(&'a mut self, round: u32) -> Pin<Box<dyn Future<Output = u64> + 'a>>;
    fn name(&self) -> String;
}

struct Fast {
    done: u64,
}

struct Slow {
    delay: u64,
    done: u64,
}

impl Worker for Fast {
    fn work<'a>(&'a mut self, round: u32) -> Pin<Box<dyn Future<Output = u64> + 'a>> {
        Box::pin(async move {
            yield_now().await;
            self.done += 1;
            round as u64
        })
    }
    fn name(&self) -> String {
        String::from("fast")
    }
}

impl Worker for Slow {
    fn work<'a>(&'a mut self, round: u32) -> Pin<Box<dyn Future<Output = u64> + 'a>> {
        Box::pin(async move {
            sleep(self.delay).await;
            self.done += 1;
            (round as u64) * self.delay
        })
    }
    fn name(&self) -> String {
        format!("slow{}", self.delay)
    }
}

async fn drive(mut w: Box<dyn Worker>, rounds: u32) -> u64 {
    let mut total = 0;
    let mut r = 1;
    while r <= rounds {
        total += w.work(r).await;
        println!("{:>4}ms {} round {}", now(), w.name(), r);
        r += 1;
    }
    total
}

async fn async_main() {
    let a = spawn(drive(Box::new(Slow { delay: 7, done: 0 }), 3));
    let b = spawn(drive(Box::new(Fast { done: 0 }), 2));
    let c = spawn(drive(Box::new(Slow { delay: 10, done: 0 }), 2));
    let total = a.await + b.await + c.await;
    println!("total {} at {}ms", total, now());
}

fn main() {
    run_main(async_main());
}
