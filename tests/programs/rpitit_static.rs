// A trait method returning `impl Iterator`, called statically: the value
// has the impl's hidden type (a Map over a range with a closure, a Vec's
// IntoIter, a user iterator) and can be passed to generic code.
trait Source {
    fn items(&self) -> impl Iterator<Item = u64>;
}

struct Range3 {
    base: u64,
}

struct Listed;

struct Countdown {
    from: u64,
}

struct Down {
    n: u64,
}

impl Iterator for Down {
    type Item = u64;
    fn next(&mut self) -> Option<u64> {
        if self.n == 0 {
            return None;
        }
        self.n -= 1;
        Some(self.n)
    }
}

impl Source for Range3 {
    fn items(&self) -> impl Iterator<Item = u64> {
        let b = self.base;
        (0..3u64).map(move |k| k * 2 + b)
    }
}

impl Source for Listed {
    fn items(&self) -> impl Iterator<Item = u64> {
        vec![5u64, 7, 11].into_iter()
    }
}

impl Source for Countdown {
    fn items(&self) -> Down {
        Down { n: self.from }
    }
}

fn total<I: Iterator<Item = u64>>(it: I) -> u64 {
    let mut sum = 0;
    for v in it {
        sum += v;
    }
    sum
}

fn describe<S: Source>(s: &S) -> String {
    let v: Vec<u64> = s.items().collect();
    format!("{:?}", v)
}

fn main() {
    let r = Range3 { base: 10 };
    println!("{} {}", total(r.items()), describe(&r));
    println!("{} {}", total(Listed.items()), describe(&Listed));
    let c = Countdown { from: 4 };
    println!("{} {}", total(c.items()), describe(&c));
}
