fn main() {
    let x = 1;
    let show = |label: &str| println!("{} sees x = {}", label, x);
    show("first");
    let x = x + 10;
    show("second");
    let show2 = |label: &str| println!("{} sees x = {}", label, x);
    show2("third");
    {
        let x = "inner";
        let inner = || x.len();
        println!("inner len {}", inner());
    }
    let mut y = 5;
    {
        let mut add = |d: i32| y += d;
        add(1);
        add(2);
    }
    y *= 2;
    println!("y {}", y);
    let pick = |a: i32, b: i32, first: bool| if first { a } else { b };
    println!("{} {}", pick(1, 2, true), pick(1, 2, false));
    let apply_twice = |v: i32| {
        let once = |w: i32| w * 3 + x;
        once(once(v))
    };
    println!("twice {}", apply_twice(2));
}
