fn main() {
    let chars = ('a', 'Z', '7', ' ', 'é', '\n', '!', 'ß');
    println!("{} {} {} {}", chars.0.is_alphabetic(), chars.1.is_uppercase(), chars.2.is_numeric(), chars.3.is_whitespace());
    println!("{} {} {} {}", chars.4.is_lowercase(), chars.5.is_control(), chars.6.is_alphanumeric(), chars.7.is_alphabetic());
    println!("{} {} {}", chars.0.is_ascii(), chars.4.is_ascii(), chars.2.is_ascii_digit());
    println!("{} {} {}", chars.0.to_ascii_uppercase(), chars.1.to_ascii_lowercase(), chars.4.to_ascii_uppercase());
    println!("{} {} {}", chars.7.to_uppercase(), chars.4.to_uppercase(), 'Σ'.to_lowercase());
    println!("{} {} {} {}", chars.0.len_utf8(), chars.4.len_utf8(), '€'.len_utf8(), '😀'.len_utf8());
    println!("{} {} {}", chars.2 as u32, chars.4 as u32, (chars.0 as u8 + 2) as char);
    println!("{} {}", chars.2.is_digit(10), 'f'.is_digit(16));
    println!("{:?} {:?} {:?}", chars.5, '\'', '"');
    let mut letters = 0;
    let mut c = 'a';
    while c <= 'z' {
        if c.is_alphabetic() {
            letters += 1;
        }
        c = ((c as u8) + 1) as char;
    }
    println!("letters {}", letters);
}
