//! Method-scope dyn compatibility: one trait with vtable, boxed and excluded methods
// Method-scope dyn compatibility: one trait mixes methods that dispatch
// through the vtable, methods that need boxing, and methods that can
// never be called through `dyn`. Under today's Rust rules `dyn Shape`
// is rejected outright; here only the offending calls would be.

trait Shape {
    fn area(&self) -> u64;                              // vtable slot
    fn scaled(&self, k: u64) -> Self;                   // returns Self: not dispatchable
    fn unit() -> Self;                                  // no receiver: not dispatchable
    fn tag<T: Describe>(&self, t: &T) -> String;        // generic: not dispatchable
    async fn render(&self, scale: u64) -> String;       // async: callable through dyn with .box
    fn corners(&self) -> impl Iterator<Item = u64>;     // RPITIT: callable through dyn with .box
}

trait Describe {
    fn describe(&self) -> String;
}

struct Label {
    text: String,
}

impl Describe for Label {
    fn describe(&self) -> String {
        self.text.clone()
    }
}

struct Square {
    side: u64,
}

struct Rect {
    w: u64,
    h: u64,
}

struct CornerIter {
    next: u64,
    count: u64,
    step: u64,
}

impl Iterator for CornerIter {
    type Item = u64;
    fn next(&mut self) -> Option<u64> {
        if self.count == 0 {
            return None;
        }
        self.count -= 1;
        let v = self.next;
        self.next += self.step;
        Some(v)
    }
}

impl Shape for Square {
    fn area(&self) -> u64 { self.side * self.side }
    fn scaled(&self, k: u64) -> Square { Square { side: self.side * k } }
    fn unit() -> Square { Square { side: 1 } }
    fn tag<T: Describe>(&self, t: &T) -> String { format!("square:{}", t.describe()) }
    async fn render(&self, scale: u64) -> String {
        sleep(1).await;
        format!("[{}]", self.side * scale)
    }
    fn corners(&self) -> impl Iterator<Item = u64> {
        CornerIter { next: 0, count: 4, step: self.side }
    }
}

impl Shape for Rect {
    fn area(&self) -> u64 { self.w * self.h }
    fn scaled(&self, k: u64) -> Rect { Rect { w: self.w * k, h: self.h * k } }
    fn unit() -> Rect { Rect { w: 1, h: 1 } }
    fn tag<T: Describe>(&self, t: &T) -> String { format!("rect:{}", t.describe()) }
    async fn render(&self, scale: u64) -> String {
        sleep(2).await;
        format!("[{}x{}]", self.w * scale, self.h * scale)
    }
    fn corners(&self) -> impl Iterator<Item = u64> {
        CornerIter { next: 100, count: 2, step: self.w + self.h }
    }
}

async fn show(shapes: &Vec<Box<dyn Shape>>) {
    for s in shapes {
        let text = s.render(10).box.await;
        let mut sum = 0;
        for c in s.corners().box {
            sum += c;
        }
        println!("area {} render {} corners {} at {}ms", s.area(), text, sum, now());
    }
}

async fn main() {
    // Static calls can use every method, including the ones dyn excludes.
    let sq = Square::unit().scaled(3);
    let label = Label { text: String::from("blue") };
    println!("{} area {}", sq.tag(&label), sq.area());
    println!("{}", sq.render(2).await);

    let shapes: Vec<Box<dyn Shape>> = vec![Box::new(sq), Box::new(Rect { w: 2, h: 5 })];
    show(&shapes).await;
    let total: u64 = shapes.len() as u64;
    println!("{} shapes", total);
}
