struct Counter {
    count: u32,
    step: u32,
}

impl Counter {
    fn new(step: u32) -> Counter {
        Counter { count: 0, step }
    }

    fn tick(&mut self) -> u32 {
        self.count += self.step;
        self.count
    }

    fn get(&self) -> u32 {
        self.count
    }

    fn into_total(self) -> u32 {
        self.count * 100
    }
}

struct Rect {
    w: i32,
    h: i32,
}

impl Rect {
    fn area(&self) -> i32 {
        self.w * self.h
    }
}

fn bump(x: &mut i32) {
    *x += 1;
}

fn largest<'a>(a: &'a i32, b: &'a i32) -> &'a i32 {
    if *a > *b { a } else { b }
}

fn main() {
    let mut c = Counter::new(3);
    c.tick();
    c.tick();
    println!("{} {}", c.get(), c.tick());
    let r = &mut c;
    r.tick();
    println!("{}", c.count);
    println!("{}", c.into_total());
    let mut n = 41;
    bump(&mut n);
    println!("{}", n);
    let a = 5;
    let b = 9;
    let m = largest(&a, &b);
    println!("{} {}", m, *m + 1);
    let rect = Rect { w: 3, h: 7 };
    let rr = &rect;
    println!("{} {}", rect.area(), rr.area());
    println!("{}", Rect { w: 2, h: 2 }.area());
}
