// Awaits in expression positions: in match scrutinees and arms, if
// conditions, call arguments, struct literals, binary operators (left to
// right), and enum results matched after an await.
#[derive(Debug)]
enum Reply {
    Num(u64),
    Text(String),
    Nothing,
}

#[derive(Debug)]
struct Pair {
    a: u64,
    b: u64,
}

async fn ask(q: u32) -> Reply {
    sleep(q as u64).await;
    match q % 3 {
        0 => Reply::Num(q as u64 * 7),
        1 => Reply::Text(format!("q{}", q)),
        _ => Reply::Nothing,
    }
}

async fn val(x: u64) -> u64 {
    println!("  val({}) at {}ms", x, now());
    yield_now().await;
    x
}

fn add3(a: u64, b: u64, c: u64) -> u64 {
    a * 100 + b * 10 + c
}

async fn main() {
    for q in 0..4u32 {
        let r = match ask(q).await {
            Reply::Num(n) if n > 10 => format!("big {}", n),
            Reply::Num(n) => format!("num {}", val(n).await),
            Reply::Text(t) => t,
            Reply::Nothing => String::from("nothing"),
        };
        println!("{} -> {} at {}ms", q, r, now());
    }
    if val(3).await > val(2).await {
        println!("3 > 2 checked at {}ms", now());
    }
    println!("add3 = {}", add3(val(1).await, val(2).await, val(3).await));
    let p = Pair { a: val(4).await, b: val(5).await * 2 };
    println!("{:?} sum {}", p, val(p.a).await + val(p.b).await);
    if let Reply::Text(t) = ask(4).await {
        println!("text {} at {}ms", t, now());
    }
    let all = vec![ask(6).await, ask(7).await, ask(8).await];
    println!("{:?} at {}ms", all, now());
}
