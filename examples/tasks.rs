//! Concurrent tasks on the virtual clock, each awaiting `Box<dyn Worker>` through `.box`
// Concurrent tasks on the deterministic executor: each task owns a
// `Box<dyn Worker>` and awaits its async method through `.box`.
// Virtual time makes the interleaving the same on every run.

trait Worker {
    async fn work(&mut self, round: u32) -> u64;
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
    async fn work(&mut self, round: u32) -> u64 {
        yield_now().await;
        self.done += 1;
        round as u64
    }
    fn name(&self) -> String {
        String::from("fast")
    }
}

impl Worker for Slow {
    async fn work(&mut self, round: u32) -> u64 {
        sleep(self.delay).await;
        self.done += 1;
        (round as u64) * self.delay
    }
    fn name(&self) -> String {
        format!("slow{}", self.delay)
    }
}

async fn drive(mut w: Box<dyn Worker>, rounds: u32) -> u64 {
    let mut total = 0;
    let mut r = 1;
    while r <= rounds {
        total += w.work(r).box.await;
        println!("{:>4}ms {} round {}", now(), w.name(), r);
        r += 1;
    }
    total
}

async fn main() {
    let a = spawn(drive(Box::new(Slow { delay: 7, done: 0 }), 3));
    let b = spawn(drive(Box::new(Fast { done: 0 }), 2));
    let c = spawn(drive(Box::new(Slow { delay: 10, done: 0 }), 2));
    let total = a.await + b.await + c.await;
    println!("total {} at {}ms", total, now());
}
