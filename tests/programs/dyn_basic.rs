trait Shape {
    fn area(&self) -> f64;
    fn name(&self) -> String { String::from("shape") }
    fn scale(&mut self, k: f64);
}
struct Circle { r: f64 }
struct Square { s: f64, label: String }
impl Shape for Circle {
    fn area(&self) -> f64 { 3.0 * self.r * self.r }
    fn scale(&mut self, k: f64) { self.r *= k; }
}
impl Shape for Square {
    fn area(&self) -> f64 { self.s * self.s }
    fn name(&self) -> String { self.label.clone() }
    fn scale(&mut self, k: f64) { self.s *= k; }
}
impl Drop for Square {
    fn drop(&mut self) { println!("drop square {}", self.label); }
}
fn total(shapes: &[Box<dyn Shape>]) -> f64 {
    let mut t = 0.0;
    for s in shapes.iter() { t += s.area(); }
    t
}
fn show(s: &dyn Shape) { println!("{} {}", s.name(), s.area()); }
fn main() {
    let c = Circle { r: 1.0 };
    show(&c);
    let mut shapes: Vec<Box<dyn Shape>> = Vec::new();
    shapes.push(Box::new(Circle { r: 2.0 }));
    shapes.push(Box::new(Square { s: 3.0, label: String::from("sq") }));
    println!("total {}", total(&shapes));
    for s in shapes.iter_mut() { s.scale(2.0); }
    println!("total {}", total(&shapes));
    let b: Box<dyn Shape> = Box::new(Square { s: 1.0, label: String::from("solo") });
    show(&*b);
    let m: &mut dyn Shape = &mut Circle { r: 1.0 };
    m.scale(3.0);
    println!("{}", m.area());
    println!("end");
}
