fn apply<F: Fn(i32) -> i32>(f: F, x: i32) -> i32 {
    f(x)
}

fn apply_mut<F: FnMut()>(mut f: F, times: usize) {
    for _ in 0..times {
        f();
    }
}

fn consume<F: FnOnce() -> String>(f: F) -> String {
    f()
}

fn make_adder(n: i32) -> impl Fn(i32) -> i32 {
    move |x| x + n
}

fn main() {
    let offset = 7;
    println!("{}", apply(|x| x * 3, 5));
    println!("{}", apply(|x| x + offset, 5));
    let mut hits = 0;
    apply_mut(|| hits += 2, 4);
    println!("hits {}", hits);
    let name = String::from("moved");
    let s = consume(move || name + "!");
    println!("{}", s);
    let add5 = make_adder(5);
    println!("{} {}", add5(1), add5(10));
    let fs: Vec<i32> = vec![1, 2, 3].into_iter().map(make_adder(100)).collect();
    println!("{:?}", fs);
    let mut log = Vec::new();
    let mut record = |x: i32| log.push(x * x);
    record(3);
    record(4);
    println!("{:?}", log);
}
