// Async methods of a trait called statically: through the concrete type,
// through a generic `T: Trait` (monomorphized, no allocation), a default
// body calling the other async methods, an associated type, a supertrait.
trait Named {
    fn name(&self) -> String;
}

trait Store: Named {
    type Key;
    async fn get(&self, k: u64) -> u64;
    async fn put(&mut self, k: u64, v: u64);
    async fn get_or(&self, k: u64, dflt: u64) -> u64 {
        let v = self.get(k).await;
        if v == 0 { dflt } else { v }
    }
}

struct Mem {
    slots: Vec<u64>,
    latency: u64,
}

impl Named for Mem {
    fn name(&self) -> String {
        format!("mem(latency={})", self.latency)
    }
}

impl Store for Mem {
    type Key = u64;
    async fn get(&self, k: u64) -> u64 {
        sleep(self.latency).await;
        if (k as usize) < self.slots.len() { self.slots[k as usize] } else { 0 }
    }
    async fn put(&mut self, k: u64, v: u64) {
        sleep(self.latency).await;
        while self.slots.len() <= k as usize {
            self.slots.push(0);
        }
        self.slots[k as usize] = v;
    }
}

async fn fill<S: Store>(s: &mut S, n: u64) -> u64 {
    let mut i = 0;
    while i < n {
        s.put(i, i * i + 1).await;
        i += 1;
    }
    s.get_or(n + 5, 999).await + s.get_or(2, 999).await
}

async fn main() {
    let mut m = Mem { slots: Vec::new(), latency: 2 };
    let r = fill(&mut m, 4).await;
    println!("{} -> {} at {}ms", m.name(), r, now());
    let direct = m.get(3).await;
    println!("direct get(3) = {} at {}ms", direct, now());
}
