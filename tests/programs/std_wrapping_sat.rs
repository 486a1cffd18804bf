fn main() {
    println!("{} {} {}", 127i8.wrapping_add(1), (-128i8).wrapping_sub(1), 100i8.wrapping_mul(3));
    println!("{} {} {}", 65535u16.wrapping_add(2), 0u16.wrapping_sub(1), 300u16.wrapping_mul(300));
    println!("{} {}", u32::MAX.wrapping_mul(3), i64::MAX.wrapping_add(i64::MAX));
    println!("{} {} {}", 3u8.wrapping_pow(7), 2i32.wrapping_pow(33), (-2i16).wrapping_pow(15));
    println!("{} {}", 1u32.wrapping_shl(33), (-8i32).wrapping_shr(1));
    println!("{} {} {}", 120i8.saturating_add(10), (-120i8).saturating_sub(10), 60i8.saturating_mul(3));
    println!("{} {} {}", 250u8.saturating_add(9), 3u32.saturating_sub(5), 2u64.saturating_pow(70));
    println!("{} {}", (-7i32).rem_euclid(2), 7i32.rem_euclid(-2));
    println!("{} {}", (-7i64).div_euclid(2), 255u8.count_ones());
    println!("{} {} {}", i16::MIN.wrapping_abs(), i16::MIN.wrapping_neg(), 5i16.wrapping_neg());
    println!("{} {} {}", 0u8.leading_zeros(), 1u16.leading_zeros(), 1024u32.trailing_zeros());
    println!("{} {}", 17u64.pow(10), 3i64.pow(39));
}
