use std::fmt;
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Suit { Hearts, Spades }
#[derive(Debug, Clone)]
struct Card { rank: u8, suit: Suit }
struct Deck { cards: Vec<Card> }
impl Deck {
    fn new() -> Deck {
        let mut cards = Vec::with_capacity(8);
        for s in [Suit::Hearts, Suit::Spades] { for r in 1..=4 { cards.push(Card { rank: r, suit: s }); } }
        Deck { cards }
    }
    fn by_suit(&self, s: Suit) -> impl Iterator<Item = &Card> + '_ { self.cards.iter().filter(move |c| c.suit == s) }
    fn total(&self) -> u32 { self.cards.iter().map(|c| c.rank as u32).sum() }
}
impl fmt::Display for Card {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let s = match self.suit { Suit::Hearts => '♥', Suit::Spades => '♠' };
        write!(f, "{}{}", self.rank, s)
    }
}
struct Matrix { data: [[i32; 2]; 2] }
impl Matrix {
    fn mul(&self, o: &Matrix) -> Matrix {
        let mut r = [[0; 2]; 2];
        for i in 0..2 { for j in 0..2 { for k in 0..2 { r[i][j] += self.data[i][k] * o.data[k][j]; } } }
        Matrix { data: r }
    }
}
fn fib(n: u64) -> u64 { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
fn gcd(a: u64, b: u64) -> u64 { if b == 0 { a } else { gcd(b, a % b) } }
fn collatz(mut n: u64) -> usize { let mut steps = 0; while n != 1 { n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 }; steps += 1; } steps }
fn main() {
    let d = Deck::new();
    let hearts: Vec<String> = d.by_suit(Suit::Hearts).map(|c| c.to_string()).collect();
    println!("{} {}", hearts.join(" "), d.total());
    let m = Matrix { data: [[1, 1], [1, 0]] };
    let m2 = m.mul(&m);
    println!("{:?}", m2.data);
    println!("{} {} {}", fib(10), gcd(48, 18), collatz(27));
    let mut counts = [0usize; 3];
    for x in [0, 1, 1, 2, 2, 2] { counts[x] += 1; }
    println!("{:?}", counts);
    let s = "Hello, World";
    let caps = s.chars().filter(|c| c.is_uppercase()).count();
    let rev: String = s.chars().rev().collect();
    println!("{} {} {}", caps, rev, s.replace("World", "Rust"));
    let bytes = s.as_bytes();
    println!("{} {}", bytes[0], bytes.len());
    let mut text = String::new();
    for i in 0..3 { text.push_str(&i.to_string()); text.push(','); }
    text.pop();
    println!("{}", text);
    let v: Vec<i32> = Vec::from([3, 1, 2]);
    let mut sorted = v.clone();
    sorted.sort_unstable();
    sorted.dedup();
    println!("{:?} {:?} {}", v, sorted, v.contains(&3));
    let windows: Vec<i32> = v.windows(2).map(|w| w[0] + w[1]).collect();
    println!("{:?}", windows);
    let (evens, odds): (Vec<i32>, Vec<i32>) = (1..10).partition(|x| x % 2 == 0);
    println!("{:?} {:?}", evens, odds);
    let flat: Vec<i32> = vec![vec![1, 2], vec![3]].into_iter().flatten().collect();
    let fm: Vec<char> = vec!["ab", "c"].iter().flat_map(|s| s.chars()).collect();
    println!("{:?} {:?}", flat, fm);
    let x = 255u8;
    let y = x.wrapping_add(1);
    let z = x.checked_add(1);
    println!("{} {:?} {}", y, z, x as i8);
    let f = 2.0f64.sqrt().powi(2).round();
    println!("{} {}", f, std::f64::consts::PI.floor());
}
