fn half(n: i32) -> Option<i32> {
    if n % 2 == 0 { Some(n / 2) } else { None }
}

fn main() {
    let a = half(8);
    let b = half(7);
    println!("{:?} {:?}", a, b);
    println!("{} {} {} {}", a.is_some(), a.is_none(), b.is_some(), b.is_none());
    println!("{} {}", a.unwrap(), b.unwrap_or(-1));
    println!("{:?} {:?}", a.map(|x| x * 10), b.map(|x| x * 10));
    println!("{:?} {:?}", a.and_then(half), half(6).and_then(half));
    println!("{:?} {:?}", a.ok_or("odd"), b.ok_or("odd"));
    println!("{}", a.expect("had a value"));
    let mut slot = Some(3);
    let taken = slot.take();
    println!("{:?} {:?}", taken, slot);
    if let Some(x) = half(100) {
        println!("half of 100 is {}", x);
    }
    let name: Option<&str> = None;
    println!("{}", name.unwrap_or("anonymous"));
    println!("{:?}", 5i32.checked_add(i32::MAX));
    println!("{:?} {:?}", 200u8.checked_mul(2), 10u8.checked_sub(3));
    println!("{:?}", 10i32.checked_div(0));
    b.expect("the number was odd");
}
