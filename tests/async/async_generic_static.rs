// Generic async code with static dispatch only: async trait methods called
// on concrete types and through `T: Trait` bounds, generic async fns over
// the output type, default async method bodies calling required ones.
// Nothing is boxed (the ledger shows 0 boxed futures).
trait Source {
    async fn next_value(&mut self) -> Option<u64>;
    async fn sum_all(&mut self) -> u64 {
        let mut total = 0;
        while let Some(v) = self.next_value().await {
            total += v;
        }
        total
    }
    fn label(&self) -> String;
}

struct Countdown {
    left: u64,
}

struct Slow {
    items: Vec<u64>,
    delay: u64,
}

impl Source for Countdown {
    async fn next_value(&mut self) -> Option<u64> {
        if self.left == 0 {
            return None;
        }
        yield_now().await;
        self.left -= 1;
        Some(self.left)
    }
    fn label(&self) -> String {
        String::from("countdown")
    }
}

impl Source for Slow {
    async fn next_value(&mut self) -> Option<u64> {
        sleep(self.delay).await;
        self.items.pop()
    }
    async fn sum_all(&mut self) -> u64 {
        let mut total = 0;
        while let Some(v) = self.next_value().await {
            total += v * 10;
        }
        total
    }
    fn label(&self) -> String {
        format!("slow({})", self.delay)
    }
}

async fn drain<S: Source>(mut s: S) -> (String, u64) {
    let label = s.label();
    let total = s.sum_all().await;
    (label, total)
}

async fn twice<T: Clone, F: std::future::Future<Output = T>>(f: F) -> (T, T) {
    let v = f.await;
    (v.clone(), v)
}

async fn main() {
    let (l1, t1) = drain(Countdown { left: 4 }).await;
    println!("{} -> {} at {}ms", l1, t1, now());
    let (l2, t2) = drain(Slow { items: vec![1, 2, 3], delay: 2 }).await;
    println!("{} -> {} at {}ms", l2, t2, now());
    let mut c = Countdown { left: 2 };
    println!("first {:?}", c.next_value().await);
    println!("twice {:?} at {}ms", twice(drain(Countdown { left: 3 })).await, now());
    let h = spawn(drain(Slow { items: vec![5], delay: 1 }));
    println!("spawned drain joined: {:?} at {}ms", h.await, now());
}
