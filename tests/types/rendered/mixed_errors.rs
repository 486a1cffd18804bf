struct Point { x: i32, y: i32 }
fn area(p: &Point) -> i32 { p.x * p.y }
fn main() {
    let p = Point { x: 1, y: 2 };
    let s: String = area(&p);
    let q = Point { x: 1 };
    println!("{}", p.z);
    let v = vec![1, 2, 3];
    let n: u64 = v.len();
    let small: u32 = 7;
    let wide: u64 = small;
    undefined_fn(3);
    let mut t = 5;
    t.push(1);
}
