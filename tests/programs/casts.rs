fn main() {
    let a: i32 = -1;
    println!("{}", a as u32);
    println!("{}", a as u8);
    println!("{}", 300i32 as u8);
    println!("{}", 200u8 as i8);
    println!("{}", 3.99f64 as i32);
    println!("{}", -3.99f64 as i32);
    println!("{}", 1e20f64 as i32);
    println!("{}", -1.5f64 as u8);
    println!("{}", 65u8 as char);
    println!("{}", 'A' as u32);
    println!("{}", true as i32 + 1);
    println!("{}", 7 as f64 / 2.0);
}
