// Futures stored in a Vec, awaited later in another order, and dropped
// unawaited: an unpolled future drops what it holds (its arguments) when it
// is dropped, the Vec's remaining futures in index order.
struct Token {
    id: u32,
}

impl Drop for Token {
    fn drop(&mut self) {
        println!("drop token {} at {}ms", self.id, now());
    }
}

async fn consume(t: Token, ms: u64) -> u32 {
    sleep(ms).await;
    println!("consumed {} at {}ms", t.id, now());
    t.id * 10
}

async fn main() {
    let mut futs = Vec::new();
    let mut i = 1;
    while i <= 4 {
        futs.push(consume(Token { id: i }, i as u64));
        i += 1;
    }
    println!("{} futures made at {}ms", futs.len(), now());
    let last = futs.pop().unwrap();
    let first = futs.remove(0);
    println!("last = {} at {}ms", last.await, now());
    println!("first = {} at {}ms", first.await, now());
    println!("dropping the other {} unawaited", futs.len());
    drop(futs);
    let mut more = vec![consume(Token { id: 7 }, 1), consume(Token { id: 8 }, 1)];
    let eight = more.pop().unwrap();
    println!("eight = {} at {}ms", eight.await, now());
    println!("main returns at {}ms", now());
}
