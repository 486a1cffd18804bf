// bench row 4: an async method called through static dispatch (T: Step);
// the future is stored inline, so the loop allocates nothing.
trait Step {
    async fn step(&self, x: u64) -> u64;
}

struct Adder {
    k: u64,
}

impl Step for Adder {
    async fn step(&self, x: u64) -> u64 {
        x + self.k
    }
}

async fn drive<T: Step>(s: &T, n: u64) -> u64 {
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
