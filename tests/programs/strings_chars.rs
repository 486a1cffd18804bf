fn main() {
    let word = "héllo wörld";
    println!("bytes {} chars {}", word.len(), word.chars().count());
    let mut vowels = 0;
    for c in word.chars() {
        if "aeiouéö".contains(c) {
            vowels += 1;
        }
    }
    println!("vowels {}", vowels);
    let reversed: String = word.chars().rev().collect();
    println!("{}", reversed);
    let caps: String = word
        .split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().collect::<String>() + cs.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ");
    println!("{}", caps);
    let digits: u32 = "a1b2c3".chars().filter_map(|c| c.to_digit(10)).sum();
    println!("digit sum {}", digits);
    for (i, c) in "abc".chars().enumerate() {
        print!("{}:{} ", i, c);
    }
    println!();
    println!("{} {} {}", 'A'.is_alphabetic(), '9'.is_numeric(), ' '.is_whitespace());
    println!("{} {}", 'a'.is_uppercase(), 'ß'.is_lowercase());
}
