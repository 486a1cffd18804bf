//! `-> impl Iterator` through `dyn`: `.box` turns the result into `Box<dyn Iterator<Item = u64>>`
// `.box` is not only for futures: any `-> impl Trait` method is `boxed`
// under method-scope rules and can be called through `dyn` this way.

trait Source {
    fn values(&self) -> impl Iterator<Item = u64>;
    fn label(&self) -> String;
}

struct Range {
    start: u64,
    end: u64,
}

impl Source for Range {
    fn values(&self) -> impl Iterator<Item = u64> {
        self.start..self.end
    }

    fn label(&self) -> String {
        format!("{}..{}", self.start, self.end)
    }
}

struct Squares {
    count: u64,
}

impl Source for Squares {
    fn values(&self) -> impl Iterator<Item = u64> {
        (1..self.count + 1).map(|x| x * x)
    }

    fn label(&self) -> String {
        format!("squares up to {}", self.count)
    }
}

fn sum_all(sources: &Vec<Box<dyn Source>>) {
    for s in sources.iter() {
        let mut total = 0;
        for v in s.values().box {
            total += v;
        }
        println!("{}: sum {}", s.label(), total);
    }
}

fn main() {
    let sources: Vec<Box<dyn Source>> = vec![
        Box::new(Range { start: 1, end: 5 }),
        Box::new(Squares { count: 4 }),
    ];
    sum_all(&sources);
}
