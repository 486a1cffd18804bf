struct Countdown {
    n: u32,
}

impl Iterator for Countdown {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.n == 0 {
            None
        } else {
            self.n -= 1;
            Some(self.n + 1)
        }
    }
}

struct Fib {
    a: u64,
    b: u64,
    left: usize,
}

impl Iterator for Fib {
    type Item = u64;
    fn next(&mut self) -> Option<u64> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let r = self.a;
        self.a = self.b;
        self.b += r;
        Some(r)
    }
}

fn main() {
    for x in (Countdown { n: 3 }) {
        print!("{} ", x);
    }
    println!("liftoff");
    let total: u32 = Countdown { n: 10 }.sum();
    let product: u64 = Fib { a: 1, b: 2, left: 5 }.product();
    println!("{} {}", total, product);
    let mut fib = Fib { a: 0, b: 1, left: 12 };
    while let Some(f) = fib.next() {
        print!("{} ", f);
    }
    println!();
    for (i, f) in (Fib { a: 0, b: 1, left: 4 }).enumerate() {
        println!("fib[{}] = {}", i, f);
    }
}
