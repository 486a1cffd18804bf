fn main() {
    let mut r = 0..3;
    println!("{:?} {:?} {:?} {:?}", r.next(), r.next(), r.next(), r.next());
    let v: Vec<u32> = (1..=5).rev().collect();
    println!("{:?}", v);
    let evens: Vec<i64> = (0..20).step_by(5).collect();
    println!("{:?}", evens);
    let c: Vec<char> = ('a'..='e').collect();
    println!("{:?}", c);
    let mut it = v.into_iter();
    while let Some(x) = it.next() {
        if x == 3 {
            break;
        }
        print!("{} ", x);
    }
    println!();
    let rest: Vec<u32> = it.collect();
    println!("rest {:?}", rest);
    let last = (1..4).map(|x| x * 10).last();
    println!("{:?}", last);
}
