fn main() {
    let x: u32 = 0b1011;
    println!("{} {} {}", x << 4, x >> 1, x & 3);
    println!("{} {} {}", x | 4, x ^ 0xff, !x);
    let y: i8 = -128;
    println!("{}", y >> 2);
    println!("{}", !0i64);
}
