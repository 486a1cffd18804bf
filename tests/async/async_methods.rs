// Inherent async methods on &self and &mut self, state kept in a struct.
struct Counter {
    hits: u64,
    step: u64,
}

impl Counter {
    async fn bump(&mut self, times: u64) -> u64 {
        let mut i = 0;
        while i < times {
            sleep(self.step).await;
            self.hits += 1;
            i += 1;
        }
        self.hits
    }

    async fn report(&self) -> u64 {
        yield_now().await;
        self.hits * 100
    }
}

async fn main() {
    let mut c = Counter { hits: 0, step: 3 };
    let h = c.bump(2).await;
    println!("hits {} at {}ms", h, now());
    let h = c.bump(3).await;
    println!("hits {} at {}ms", h, now());
    println!("report {}", c.report().await);
}
