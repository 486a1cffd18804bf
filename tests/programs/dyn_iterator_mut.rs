// `&mut dyn Iterator` in a `for` loop (breaking early), then the rest of the
// same `Box<dyn Iterator>` through `.next()` and `take(..).collect()`.
fn firsts(it: &mut dyn Iterator<Item = u32>) -> Vec<u32> {
    let mut out = Vec::new();
    for x in it {
        out.push(x);
        if out.len() == 2 { break; }
    }
    out
}
fn main() {
    let mut b: Box<dyn Iterator<Item = u32>> = Box::new(1..6);
    println!("{:?}", firsts(&mut *b));
    println!("{:?}", b.next());
    let v: Vec<u32> = b.take(5).collect();
    println!("{:?}", v);
}
