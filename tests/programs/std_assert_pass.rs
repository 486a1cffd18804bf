#[derive(Debug, PartialEq, Clone, Copy)]
enum Suit {
    Hearts,
    Spades,
}

#[derive(Debug, PartialEq, Clone, Copy)]
struct Card {
    rank: u8,
    suit: Suit,
}

fn main() {
    let a = Card { rank: 12, suit: Suit::Hearts };
    let b = a;
    assert_eq!(a, b);
    assert_ne!(a, Card { rank: 12, suit: Suit::Spades });
    assert_eq!((1, 'x', true), (1, 'x', true));
    assert!(a.rank > 10 && a.suit == Suit::Hearts);
    assert_eq!(a.suit, Suit::Hearts, "suit check");
    assert_ne!(3.5f64, 2.0);
    println!("{:?} == {:?}", a, b);
    println!("{}", a == b);
    println!("{}", (1, 2) == (1, 3));
    let c = Card { rank: 2, suit: a.suit };
    println!("{:?} {}", c, c != a);
    assert_eq!(c.rank * 6, a.rank, "ranks {} and {}", c.rank, a.rank);
    assert_eq!(Suit::Spades, c.suit);
}
