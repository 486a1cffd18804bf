// dynbox-only: async trait methods with default bodies that await other
// async methods of the trait (statically, on `Self`), called through `dyn`
// with `.box`; one impl overrides the default. Boxed: 3 objects x (run_twice
// + step) = 6.
trait Job {
    async fn step(&mut self) -> u64;
    async fn run_twice(&mut self) -> u64 {
        let a = self.step().await;
        yield_now().await;
        let b = self.step().await;
        a + b
    }
    fn name(&self) -> String;
}

struct Counter {
    n: u64,
}

struct Timer {
    ms: u64,
}

struct Fixed;

impl Job for Counter {
    async fn step(&mut self) -> u64 {
        self.n += 1;
        self.n
    }
    fn name(&self) -> String {
        format!("counter({})", self.n)
    }
}

impl Job for Timer {
    async fn step(&mut self) -> u64 {
        sleep(self.ms).await;
        now()
    }
    fn name(&self) -> String {
        format!("timer({}ms)", self.ms)
    }
}

impl Job for Fixed {
    async fn step(&mut self) -> u64 {
        7
    }
    async fn run_twice(&mut self) -> u64 {
        sleep(1).await;
        self.step().await * 100
    }
    fn name(&self) -> String {
        String::from("fixed")
    }
}

async fn main() {
    let mut jobs: Vec<Box<dyn Job>> = vec![Box::new(Counter { n: 0 }), Box::new(Timer { ms: 2 }), Box::new(Fixed)];
    for j in jobs.iter_mut() {
        let twice = j.run_twice().box.await;
        let once = j.step().box.await;
        println!("{}: twice {}, then {} at {}ms", j.name(), twice, once, now());
    }
}
