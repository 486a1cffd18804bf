// The rustc twin of ../async_dyn_box_forms.rs: the async trait methods
// desugared into methods returning Pin<Box<dyn Future + '_>>; each `.box` /
// dyn_box! through `dyn` is one call of them.
#[path = "../../twins/rt.rs"]
mod rt;
use rt::{now, sleep, yield_now};
use std::future::Future;
use std::pin::Pin;

type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

trait Greeter {
    fn greet(&self, who: &'static str) -> BoxFut<'_, String>;
    fn count(&mut self) -> BoxFut<'_, u64>;
}

struct English {
    n: u64,
}

struct French {
    n: u64,
    delay: u64,
}

impl Greeter for English {
    fn greet(&self, who: &'static str) -> BoxFut<'_, String> {
        Box::pin(async move {
            yield_now().await;
            format!("hello {}", who)
        })
    }
    fn count(&mut self) -> BoxFut<'_, u64> {
        Box::pin(async move {
            self.n += 1;
            self.n
        })
    }
}

impl Greeter for French {
    fn greet(&self, who: &'static str) -> BoxFut<'_, String> {
        Box::pin(async move {
            sleep(self.delay).await;
            format!("bonjour {}", who)
        })
    }
    fn count(&mut self) -> BoxFut<'_, u64> {
        Box::pin(async move {
            sleep(1).await;
            self.n += 10;
            self.n
        })
    }
}

struct Pending<'a> {
    label: &'static str,
    fut: Pin<Box<dyn Future<Output = String> + 'a>>,
}

async fn show(f: Pin<Box<dyn Future<Output = String> + '_>>) {
    println!("shown: {} at {}ms", f.await, now());
}

fn make<'a>(g: &'a dyn Greeter) -> Pin<Box<dyn Future<Output = String> + 'a>> {
    g.greet("from make")
}

async fn async_main() {
    let en = English { n: 0 };
    let fr: Box<dyn Greeter> = Box::new(French { n: 0, delay: 2 });
    let g: &dyn Greeter = &en;
    println!("{} at {}ms", g.greet("a").await, now());
    println!("{} at {}ms", fr.greet("b").await, now());
    show(fr.greet("c")).await;
    let mut all = Vec::new();
    all.push(g.greet("d"));
    all.push(fr.greet("e"));
    all.push(g.greet("f"));
    let last = all.pop().unwrap();
    println!("{} at {}ms", last.await, now());
    drop(all);
    println!("dropped two unawaited at {}ms", now());
    let p = Pending { label: "field", fut: fr.greet("g") };
    println!("{}: {} at {}ms", p.label, p.fut.await, now());
    println!("{} at {}ms", make(&*fr).await, now());
    let mut counter: Box<dyn Greeter> = Box::new(French { n: 5, delay: 0 });
    let c: &mut dyn Greeter = &mut *counter;
    println!("count {} at {}ms", c.count().await, now());
}

fn main() {
    rt::run_main(async_main());
}
