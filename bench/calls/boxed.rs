// bench row 4: the same async method called through `dyn Step` with `.box`:
// exactly one allocation per call.
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

async fn drive(s: &dyn Step, n: u64) -> u64 {
    let mut acc = 0;
    let mut i = 0;
    while i < n {
        acc = (acc + s.step(i).box.await) % 1000000007;
        i += 1;
    }
    acc
}

async fn main() {
    let a = Adder { k: 3 };
    println!("{}", drive(&a, CALLS).await);
}
