fn main() {
    let text = "  The Quick brown Fox  ";
    let trimmed = text.trim();
    println!("[{}] [{}] [{}]", trimmed, text.trim_start(), text.trim_end());
    println!("{} {}", trimmed.to_uppercase(), trimmed.to_lowercase());
    println!("{} {} {}", trimmed.starts_with("The"), trimmed.ends_with("Fox"), trimmed.contains("brown"));
    println!("{} {}", trimmed.contains('Q'), trimmed.starts_with('x'));
    println!("{:?} {:?}", trimmed.find("brown"), trimmed.find('z'));
    println!("{}", trimmed.replace("brown", "red"));
    let words: Vec<&str> = trimmed.split_whitespace().collect();
    println!("{:?} {}", words, words.len());
    let csv = "a,b,,c";
    let parts: Vec<&str> = csv.split(',').collect();
    println!("{:?}", parts);
    for part in "x=1;y=2".split(";") {
        println!("part {}", part);
    }
    let upper: String = "straße".chars().map(|c| c.to_ascii_uppercase()).collect();
    println!("{}", upper);
    println!("{}", "Grüße".to_uppercase());
    let n: i64 = "-12345".parse().unwrap();
    let bad = "12a".parse::<i64>();
    let big = "99999999999999999999".parse::<i64>();
    println!("{} {:?} {:?}", n, bad, big);
    match "".parse::<i32>() {
        Ok(v) => println!("ok {}", v),
        Err(e) => println!("error: {}", e),
    }
    let s = String::from("hello world");
    println!("{} {}", &s[0..5], &s[6..]);
    println!("{:?}", s.strip_prefix("hello "));
}
