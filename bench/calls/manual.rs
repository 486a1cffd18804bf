// bench row 4: the same method written as today's Rust writes it for dyn:
// the trait method itself returns Pin<Box<dyn Future>> (in Rust the body
// would be `Box::pin(add(self.k, x))`; here `.box` on the static call makes
// that one allocation, in the callee).
use std::future::Future;
use std::pin::Pin;

trait Step {
    fn step(&self, x: u64) -> Pin<Box<dyn Future<Output = u64>>>;
}

struct Adder {
    k: u64,
}

async fn add(k: u64, x: u64) -> u64 {
    x + k
}

impl Step for Adder {
    fn step(&self, x: u64) -> Pin<Box<dyn Future<Output = u64>>> {
        add(self.k, x).box
    }
}

async fn drive(s: &dyn Step, n: u64) -> u64 {
    let mut acc = 0;
    let mut i = 0;
    while i < n {
        acc = (acc + s.step(i).await) % 1000000007;
        i += 1;
    }
    acc
}

async fn main() {
    let a = Adder { k: 3 };
    println!("{}", drive(&a, CALLS).await);
}
