fn make(n: usize) -> String { "x".repeat(n) }
struct Holder { items: Vec<String>, label: String }
impl Holder {
    fn total(&self) -> usize { self.items.iter().map(|s| s.len()).sum::<usize>() + self.label.len() }
    fn into_label(self) -> String { self.label }
}
fn pick(flag: bool) -> String {
    let a = make(1);
    let b = make(2);
    if flag { a } else { b }
}
fn main() {
    let mut i = 0;
    while make(i).len() < 3 { i += 1; }
    println!("{}", i);
    if make(2).len() == 2 && make(3).len() == 3 { println!("both"); }
    let h = Holder { items: vec![make(1), make(2)], label: make(3) };
    println!("{}", h.total());
    let l = h.into_label();
    println!("{}", l);
    println!("{} {}", pick(true), pick(false));
    let v: Vec<String> = (1..4).map(make).collect();
    let joined = v.iter().map(|s| s.as_str()).collect::<Vec<&str>>().join("-");
    println!("{}", joined);
    let mut acc = String::new();
    'outer: for s in v {
        for c in s.chars() {
            if acc.len() > 4 { break 'outer; }
            acc.push(c);
        }
    }
    println!("{}", acc);
    let o = Some(make(2));
    let len = match o { Some(ref s) if s.len() > 5 => 0, Some(s) => s.len(), None => 1 };
    println!("{}", len);
    let c = move || l.len();
    println!("{}", c());
}
