fn count_vowels(s: &str) -> usize {
    let mut n = 0;
    for c in s.chars() {
        if "aeiouAEIOU".contains(c) {
            n += 1;
        }
    }
    n
}

fn main() {
    let text = "  Rust strings: UTF-8, ünïcödé and more  ";
    let t = text.trim();
    let mut nchars = 0;
    for _ in t.chars() {
        nchars += 1;
    }
    println!("[{}] len {} chars {}", t, t.len(), nchars);
    println!("starts {} ends {} contains {} {}", t.starts_with("Rust"), t.ends_with("more"), t.contains("UTF"), t.contains('ö'));
    println!("vowels {}", count_vowels(t));
    for (i, c) in "añb".char_indices() {
        print!("{}@{} ", c, i);
    }
    println!();
    for word in t.split(' ') {
        if word.is_empty() {
            continue;
        }
        print!("<{}>", word);
    }
    println!();
    for field in "k1=v1;k2=v2;;k3".split(';') {
        println!("field [{}] {}", field, field.len());
    }
    for w in "\tone  two\nthree ".split_whitespace() {
        print!("{} ", w);
    }
    println!();
    let poem = "roses are red\nviolets are blue\n\nend";
    let mut lines = 0;
    for line in poem.lines() {
        lines += 1;
        println!("{:>2}: {}", lines, line);
    }
    let mut upper = 0;
    let mut digits = 0;
    for c in "Hello World 2024!".chars() {
        if c.is_uppercase() {
            upper += 1;
        }
        if c.is_numeric() {
            digits += 1;
        }
    }
    println!("upper {} digits {}", upper, digits);
    let s = "hello";
    println!("{} {} {}", &s[1..3], &s[..2], &s[3..]);
    println!("{}", s.eq_ignore_ascii_case("HeLLo"));
    let mut last = ' ';
    for c in s.chars() {
        last = c;
    }
    println!("last {}", last);
}
