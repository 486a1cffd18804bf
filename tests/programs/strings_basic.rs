fn main() {
    let mut s = String::new();
    println!("empty: {} {} {:?}", s.len(), s.is_empty(), s);
    s.push_str("Hello");
    s.push(',');
    s.push(' ');
    s.push_str("world");
    println!("{} (len {})", s, s.len());
    let t = s.clone();
    s.push('!');
    println!("{} / {}", s, t);
    let owned = "literal".to_string();
    let from = String::from("from");
    let num = 42.to_string();
    let ch = 'c'.to_string();
    println!("{} {} {} {}", owned, from, num, ch);
    let joined = owned + "-" + &from;
    println!("{}", joined);
    let mut acc = String::with_capacity(8);
    for i in 0..5 {
        acc += &i.to_string();
    }
    println!("{} {}", acc, acc.len());
    println!("{}", "ab".repeat(3));
    println!("{}", s == "Hello, world!");
    println!("{}", t != s);
    println!("{}", "apple" < "banana");
    let popped = s.pop();
    println!("{:?} {}", popped, s);
    s.insert(0, '>');
    s.truncate(6);
    println!("{}", s);
    let removed = s.remove(0);
    println!("{} {}", removed, s);
    s.clear();
    println!("[{}] {}", s, s.is_empty());
}
