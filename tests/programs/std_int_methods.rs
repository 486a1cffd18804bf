fn main() {
    println!("{} {} {}", (-17i32).abs(), 2i64.pow(40), 3u8.pow(5));
    println!("{} {} {} {}", 7i32.min(-3), 7i32.max(-3), 'a'.max('z'), 2.5f64.min(1.5));
    println!("{} {} {}", 250u8.wrapping_add(10), 0u32.wrapping_sub(1), i32::MAX.wrapping_add(1));
    println!("{} {} {}", 200u8.wrapping_mul(3), i64::MIN.wrapping_neg(), 1u8.wrapping_shl(9));
    println!("{} {} {}", 250u8.saturating_add(10), 5u8.saturating_sub(10), i32::MIN.saturating_sub(1));
    println!("{} {} {} {}", i8::MAX, i8::MIN, u16::MAX, i64::MIN);
    println!("{} {} {}", u64::MAX, usize::MAX, i32::MAX);
    println!("{} {}", (-7i32).rem_euclid(3), (-7i32).div_euclid(3));
    println!("{} {} {}", 0b1011u32.count_ones(), 1u64.leading_zeros(), 8i32.trailing_zeros());
    println!("{} {} {}", 17i32.signum(), (-4i64).signum(), 0i8.signum());
    println!("{} {}", 10u32.abs_diff(25), (-3i32).is_negative());
    println!("{} {}", 64u32.is_power_of_two(), 5u8.clamp(10, 20));
}
