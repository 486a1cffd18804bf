// The rustc twin of ../box_rpit.rs: the `-> impl Shape` method, boxed at
// the call site there, desugared into a `make_box` returning Box<dyn Shape>
// (the vtable's boxed slot: one allocation per call).
trait Shape {
    fn area(&self) -> u64;
}

struct Sq {
    side: u64,
}

impl Shape for Sq {
    fn area(&self) -> u64 {
        self.side * self.side
    }
}

struct Rect {
    w: u64,
    h: u64,
}

impl Shape for Rect {
    fn area(&self) -> u64 {
        self.w * self.h
    }
}

trait Factory {
    fn make_box(&self, k: u64) -> Box<dyn Shape>;
    fn name(&self) -> String;
}

struct SqFactory;
struct RectFactory {
    h: u64,
}

impl Factory for SqFactory {
    fn make_box(&self, k: u64) -> Box<dyn Shape> {
        Box::new(Sq { side: k })
    }
    fn name(&self) -> String {
        String::from("squares")
    }
}

impl RectFactory {
    fn make(&self, k: u64) -> impl Shape + use<> {
        Rect { w: k, h: self.h }
    }
}

impl Factory for RectFactory {
    fn make_box(&self, k: u64) -> Box<dyn Shape> {
        Box::new(self.make(k))
    }
    fn name(&self) -> String {
        format!("rects of height {}", self.h)
    }
}

fn total(f: &dyn Factory, n: u64) -> u64 {
    let mut sum = 0;
    let mut k = 1;
    while k <= n {
        let s: Box<dyn Shape> = f.make_box(k);
        sum += s.area();
        k += 1;
    }
    sum
}

fn main() {
    let fs: Vec<Box<dyn Factory>> = vec![Box::new(SqFactory), Box::new(RectFactory { h: 10 })];
    for f in fs.iter() {
        println!("{}: {}", f.name(), total(&**f, 3));
    }
    let direct = RectFactory { h: 2 };
    let b: Box<dyn Shape> = Box::new(direct.make(7));
    println!("static box: {}", b.area());
}
