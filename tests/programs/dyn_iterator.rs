// `dyn Iterator<Item = T>`: user iterators and std ones behind
// `Box<dyn Iterator>` and `&mut dyn Iterator`: `for`, `.next()`, adaptors.
struct Countdown {
    n: u32,
}

impl Iterator for Countdown {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.n == 0 {
            return None;
        }
        self.n -= 1;
        Some(self.n + 1)
    }
}

struct Words {
    items: Vec<String>,
    at: usize,
}

impl Iterator for Words {
    type Item = String;
    fn next(&mut self) -> Option<String> {
        if self.at >= self.items.len() {
            return None;
        }
        self.at += 1;
        Some(self.items[self.at - 1].clone())
    }
}

impl Drop for Words {
    fn drop(&mut self) {
        println!("drop Words at {}", self.at);
    }
}

fn pick(up: bool) -> Box<dyn Iterator<Item = u32>> {
    if up {
        Box::new(1..4)
    } else {
        Box::new(Countdown { n: 3 })
    }
}

fn drain(it: &mut dyn Iterator<Item = u32>) -> u32 {
    let mut total = 0;
    while let Some(x) = it.next() {
        total += x;
    }
    total
}

fn main() {
    for x in pick(true) {
        print!("{} ", x);
    }
    println!();
    for x in pick(false) {
        print!("{} ", x);
    }
    println!();

    let mut b = pick(false);
    println!("first {:?}", b.next());
    println!("rest {}", drain(&mut *b));
    println!("after {:?}", b.next());

    let mut c = Countdown { n: 4 };
    println!("drain {}", drain(&mut c));

    let its: Vec<Box<dyn Iterator<Item = u32>>> = vec![pick(true), pick(false), Box::new(vec![7, 8].into_iter())];
    for it in its {
        let v: Vec<u32> = it.collect();
        println!("{:?}", v);
    }

    let w: Box<dyn Iterator<Item = String>> = Box::new(Words { items: vec![String::from("a"), String::from("bc")], at: 0 });
    for s in w {
        println!("word {}", s);
    }
    let mut w2: Box<dyn Iterator<Item = String>> = Box::new(Words { items: vec![String::from("x"), String::from("y")], at: 0 });
    println!("one {:?}", w2.next());
    let doubled: u32 = pick(false).map(|x| x * 2).sum();
    println!("doubled {}", doubled);
    let odd: Vec<u32> = pick(true).filter(|x| x % 2 == 1).collect();
    println!("odd {:?}", odd);
    for (i, x) in pick(false).enumerate() {
        print!("{}:{} ", i, x);
    }
    println!();
    let pairs: Vec<(u32, u32)> = pick(true).zip(pick(false)).collect();
    println!("pairs {:?}", pairs);
    println!("count {}", pick(true).count());
    println!("end of main");
}
