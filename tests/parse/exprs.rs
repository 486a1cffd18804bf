// Operators, precedence and every expression form.
fn main() {
    let a = 1 + 2 * 3 - 4 / 2 % 3;
    let b = -a << 2 >> 1 & 0xff | 0b1010 ^ 0o17;
    let c = a == 1 && b != 2 || !(a < b) && a >= b;
    let d = a as u64 as f64;
    let mut e = 0u8;
    e += 1;
    e <<= 2;
    e >>= 1;
    let f = &mut e;
    *f = 3;
    let g = &&a;
    let r = 0..10;
    let ri = 0..=10;
    let rh = ..5;
    let rt = 2..;
    let t = (1, "two", 3.0, 'c', b'x', true);
    let single = (1,);
    let x = t.0;
    let arr = [1, 2, 3];
    let rep = [0u8; 16];
    let i = arr[1 + 1];
    let p = Point { x: 1, y: 2 };
    let q = Point { x: 3, ..p };
    let blk = { let z = 1; z + 1 };
    let v = if a > 1 { 1 } else if a < 0 { -1 } else { 0 };
    let m = match v {
        0 => "zero",
        1 | 2 => "small",
        n if n < 0 => { "negative" }
        _ => "big",
    };
    let l = 'outer: loop {
        while a > 0 { break 'outer 5; }
        for k in 0..3 { if k == 1 { continue; } }
    };
    let cl = |x: u64, y| -> u64 { x + y };
    let cl2 = move || a;
    let s = String::from("x").len().max(3);
    let n = "42".parse::<i64>().unwrap();
    let col: Vec<u64> = (0..3).map(|x| x * 2).collect::<Vec<_>>();
    let u = <Point as Clone>::clone(&p);
    let nested = t.0.1;
    let unit = ();
    let raw = r#"raw "string""#;
    if let Some(x) = maybe() && x > 1 {}
    while let Some(y) = next() {}
    let Some(z) = maybe() else { return; };
    println!("{} {x} {0:>8.3} {name}", a, name = b);
    assert_eq!(a, 7, "a was {}", a);
    let w = vec![1, 2, 3];
    let w2 = vec![0; 10];
    let fmt = format!("{:?}", w);
}
