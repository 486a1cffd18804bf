fn shift_letter(c: char, by: u8) -> char {
    match c {
        'a'..='z' => (((c as u8 - b'a' + by) % 26) + b'a') as char,
        'A'..='Z' => (((c as u8 - b'A' + by) % 26) + b'A') as char,
        _ => c,
    }
}

fn main() {
    let c = 'H';
    print!("{}", shift_letter(c, 3));
    print!("{}", shift_letter('e', 3));
    print!("{}", shift_letter('z', 3));
    print!("{}", shift_letter('!', 3));
    println!();
    println!("{} {:?} {}", 'ß', '\n', '\u{1F600}' as u32);
    println!("{}", ('a' as u8 + 1) as char);
}
