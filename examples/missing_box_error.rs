//! error: an `async fn` called through `dyn` without `.box` (DB0002): apply the quick fix, then Run
// The diagnostic carries a machine-applicable suggestion that inserts
// `.box`; the editor applies it with one click.

trait Greeter {
    async fn greet(&self, name: &str) -> String;
}

struct English;

impl Greeter for English {
    async fn greet(&self, name: &str) -> String {
        sleep(10).await;
        format!("hello, {}", name)
    }
}

async fn welcome(g: &dyn Greeter) {
    let text = g.greet("world").await;
    println!("[{}ms] {}", now(), text);
}

async fn main() {
    let g: Box<dyn Greeter> = Box::new(English);
    welcome(&*g).await;
}
