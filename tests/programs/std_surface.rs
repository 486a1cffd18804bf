fn main() {
    // String
    let mut s = String::with_capacity(3);
    s.push_str("héllo");
    s.push('!');
    println!("{} {} {} {}", s, s.len(), s.is_empty(), s.capacity() >= 7);
    println!("{:?} {}", s.pop(), s);
    s.insert(0, '>');
    s.insert_str(1, "> ");
    let rm = s.remove(0);
    println!("{} {}", s, rm);
    s.truncate(5);
    println!("[{}]", s);
    s.clear();
    println!("[{}] {}", s, s.is_empty());
    let mut t = String::from("abc");
    t += "def";
    let u = t.clone() + "-" + "x";
    println!("{} {} {}", t, u, t == "abcdef");
    println!("{} {}", t < u, String::from('z'));
    // str
    let x = "  Hello, World  ";
    println!("[{}] [{}] [{}]", x.trim(), x.trim_start(), x.trim_end());
    println!("{} {}", x.to_uppercase(), x.to_lowercase());
    println!("{} {}", x.to_ascii_uppercase(), "ABC".to_ascii_lowercase());
    println!("{:?} {:?} {:?}", x.find(','), x.rfind('o'), x.find("zz"));
    println!("{:?} {:?}", "prefix-rest".strip_prefix("prefix-"), "file.rs".strip_suffix(".rs"));
    println!("{:?}", "nope".strip_prefix("x"));
    println!("{} {}", "a-b-c".replace("-", "+"), "xyz".repeat(2));
    println!("{} {} {}", "abc".starts_with('a'), "abc".ends_with("bc"), "abc".contains(&String::from("b")));
    println!("{} {}", "Hello".eq_ignore_ascii_case("hELLO"), "日本".len());
    let parsed: Result<u8, _> = "300".parse::<u8>();
    let neg: Result<i16, _> = "-42".parse::<i16>();
    let f: Result<f64, _> = "2.5".parse::<f64>();
    let e: Result<f64, _> = "x".parse::<f64>();
    println!("{:?} {:?} {:?} {:?}", parsed, neg, f, e);
    println!("{}", "-5".parse::<i64>().unwrap() * 3);
    // Vec and slices
    let mut v: Vec<u32> = Vec::new();
    v.push(5);
    v.push(1);
    v.push(4);
    v.insert(1, 9);
    println!("{:?} {} {:?} {:?}", v, v.len(), v.first(), v.last());
    println!("{:?} {:?} {}", v.get(3), v.get(4), v.contains(&9));
    let r = v.remove(0);
    let sr = v.swap_remove(0);
    println!("{} {} {:?}", r, sr, v);
    v.extend(vec![7, 2]);
    v.sort();
    println!("{:?}", v);
    v.reverse();
    println!("{:?}", v);
    v.truncate(2);
    let pp = v.pop();
    println!("{:?} {:?}", v, pp);
    let w = v.clone();
    v.clear();
    println!("{:?} {:?} {}", v, w, v.is_empty());
    let mut m = vec![3, 1, 2];
    for x in m.iter_mut() {
        *x += 10;
    }
    m.swap(0, 2);
    println!("{:?} {:?}", m, &m[1..]);
    let words = vec!["b", "a", "c"];
    let mut sorted = words.clone();
    sorted.sort();
    println!("{:?} {} {}", sorted, sorted.join(","), sorted.concat());
    let names = vec![String::from("x"), String::from("y")];
    println!("{}", names.join(" & "));
    let s2 = vec![(2, 'b'), (1, 'z'), (2, 'a')];
    let mut s3 = s2.clone();
    s3.sort();
    println!("{:?}", s3);
    let z = vec![1u8; 3];
    println!("{:?} {:?}", z, z.to_vec());
    // ints
    println!("{:?} {:?} {:?}", 100i8.checked_add(27), 100i8.checked_add(28), 5u8.checked_sub(6));
    println!("{:?} {:?} {:?}", 7i32.checked_div(0), 7i32.checked_rem(2), 2u32.checked_pow(31));
    println!("{:?} {:?}", i64::MIN.checked_neg(), (-3i32).checked_abs());
    println!("{} {}", 9i32.min(3), 9i32.clamp(0, 5));
    println!("{:?} {:?}", 3i32.cmp(&4), 'b'.cmp(&'a'));
    // chars
    println!("{:?} {:?} {:?}", 'z'.to_digit(36), 'g'.to_digit(16), char::from_u32(0x41));
    println!("{:?} {:?}", char::from_digit(7, 10), char::from_u32(0xD800));
    // Option/Result
    let o: Option<String> = Some(String::from("own"));
    println!("{}", o.unwrap());
    let res: Result<u32, String> = Ok(3);
    println!("{}", res.expect("fine"));
    let bad: Result<u32, String> = Err(String::from("boom"));
    println!("{}", bad.unwrap_err());
    // mem
    let mut a = String::from("A");
    let mut b = String::from("B");
    std::mem::swap(&mut a, &mut b);
    let old = std::mem::replace(&mut a, String::from("C"));
    println!("{} {} {}", a, b, old);
    println!("{} {}", std::mem::size_of::<u64>(), std::mem::align_of::<u16>());
}
