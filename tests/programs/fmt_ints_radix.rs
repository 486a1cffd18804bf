fn main() {
    let n: i32 = -42;
    let u: u8 = 200;
    println!("{:x} {:X} {:o} {:b}", n, n, n, n);
    println!("{:x} {:#x} {:#010b} {:o}", u, u, u, u);
    println!("{:#X} {:x}", u64::MAX, i64::MIN);
    println!("[{:>8x}] [{:<#8x}] [{:^8o}] [{:08X}]", 3054, 3054, 8, 48879);
    println!("{:?} {:x?} {:X?} {:#x?}", 255, 255, 255, 255);
    println!("{:5}|{:<5}|{:^5}|{:>5}|{:05}", -12, -12, -12, -12, -12);
    println!("{:+} {:+} {:+05}", 0, 7, -7);
    println!("{} {} {}", i128_free(), usize::MAX, isize::MIN);
    println!("{} {}", 1_000_000u32, 0xffi64);
    println!("{} {} {}", 'A' as u32, 97u8 as char, 0x263au32 as u8);
}

fn i128_free() -> u64 {
    u64::MAX / 3
}
