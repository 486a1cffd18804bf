enum Shape { Circle(u32), Square(u32), Tri }
fn area(s: &Shape) -> u32 {
    match s {
        Shape::Circle(r) => r * 3,
        Shape::Square(x) => x * x,
    }
}
fn pick(b: bool) -> u32 {
    if b { 1 } else { "two" }
}
fn add(a: u32, b: u32) -> u32 { a + b }
fn main() {
    let x = 5;
    x = 6;
    let v = Vec::new();
    v.push(1);
    let n = add(1);
    let s = String::from("a");
    let t: &str = s;
    let r: u32 = area(&Shape::Tri) + pick(true);
}
