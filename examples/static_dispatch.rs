//! Static dispatch allocates nothing: the same `async fn` called generically and through `dyn`
// Run it and open the Ledger tab: the generic loop makes no allocation,
// the `dyn` loop makes exactly one boxed future per call, at one site.

trait Counter {
    async fn step(&self, n: u64) -> u64;
}

struct Doubler;

impl Counter for Doubler {
    async fn step(&self, n: u64) -> u64 {
        yield_now().await;
        n * 2
    }
}

async fn run_static<C: Counter>(c: &C, rounds: u64) -> u64 {
    let mut acc = 1;
    let mut i = 0;
    while i < rounds {
        acc = c.step(acc).await;
        i += 1;
    }
    acc
}

async fn run_dyn(c: &dyn Counter, rounds: u64) -> u64 {
    let mut acc = 1;
    let mut i = 0;
    while i < rounds {
        acc = c.step(acc).box.await;
        i += 1;
    }
    acc
}

async fn main() {
    let d = Doubler;
    let a = run_static(&d, 5).await;
    println!("static: {}", a);
    let b = run_dyn(&d, 5).await;
    println!("dyn:    {}", b);
    assert_eq!(a, b);
}
