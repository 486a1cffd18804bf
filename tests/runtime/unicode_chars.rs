// unicode_chars.rs — char properties over every scalar value, as runs of
// equal property masks, then every char whose case mapping is not itself:
// the golden unicode_chars.out comes from rustc (gen_goldens.py) and
// test_string.c recomputes it with the runtime's tables.
fn main() {
    let mut last = u32::MAX;
    for v in 0..=0x10FFFFu32 {
        let Some(c) = char::from_u32(v) else { continue };
        let mask = (c.is_whitespace() as u32)
            | (c.is_alphabetic() as u32) << 1
            | (c.is_numeric() as u32) << 2
            | (c.is_alphanumeric() as u32) << 3
            | (c.is_lowercase() as u32) << 4
            | (c.is_uppercase() as u32) << 5
            | (c.is_control() as u32) << 6
            | ((format!("{:?}", c).contains("\\u")) as u32) << 7;
        if mask != last {
            println!("{:x} {}", v, mask);
            last = mask;
        }
    }
    println!("case");
    for v in 0..=0x10FFFFu32 {
        let Some(c) = char::from_u32(v) else { continue };
        let up: Vec<String> = c.to_uppercase().map(|d| format!("{:x}", d as u32)).collect();
        let lo: Vec<String> = c.to_lowercase().map(|d| format!("{:x}", d as u32)).collect();
        if up.len() != 1 || lo.len() != 1 || c.to_uppercase().next() != Some(c) || c.to_lowercase().next() != Some(c) {
            println!("{:x} {} {}", v, up.join(","), lo.join(","));
        }
    }
}
