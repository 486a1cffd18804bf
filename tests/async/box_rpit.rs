// dynbox-only: `.box` on `-> impl Trait` methods (the proposal's syntax):
// through `dyn` (the vtable's boxed slot) and on a static call, each one
// allocation recorded at its call site, giving a Box<dyn Trait>.
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
    fn make(&self, k: u64) -> impl Shape;
    fn name(&self) -> String;
}

struct SqFactory;
struct RectFactory {
    h: u64,
}

impl Factory for SqFactory {
    fn make(&self, k: u64) -> impl Shape {
        Sq { side: k }
    }
    fn name(&self) -> String {
        String::from("squares")
    }
}

impl Factory for RectFactory {
    fn make(&self, k: u64) -> impl Shape {
        Rect { w: k, h: self.h }
    }
    fn name(&self) -> String {
        format!("rects of height {}", self.h)
    }
}

fn total(f: &dyn Factory, n: u64) -> u64 {
    let mut sum = 0;
    let mut k = 1;
    while k <= n {
        let s: Box<dyn Shape> = f.make(k).box;
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
    let b = dyn_box!(direct.make(7));
    println!("static box: {}", b.area());
}
