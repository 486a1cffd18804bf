// dynbox-only: the forms of `dyn_box!` and `.box` (the proposal's syntax)
// through `&dyn`, `&mut dyn` and `Box<dyn>`: awaited in place, passed as an
// argument, stored in a Vec and a struct field, spawned, returned from a
// fn, and dropped unawaited. Every evaluation is one boxed future: 2 (in
// place) + 1 (argument) + 3 (Vec) + 1 (field) + 1 (make) + 1 (count) = 9.
use std::future::Future;
use std::pin::Pin;

trait Greeter {
    async fn greet(&self, who: &'static str) -> String;
    async fn count(&mut self) -> u64;
}

struct English {
    n: u64,
}

struct French {
    n: u64,
    delay: u64,
}

impl Greeter for English {
    async fn greet(&self, who: &'static str) -> String {
        yield_now().await;
        format!("hello {}", who)
    }
    async fn count(&mut self) -> u64 {
        self.n += 1;
        self.n
    }
}

impl Greeter for French {
    async fn greet(&self, who: &'static str) -> String {
        sleep(self.delay).await;
        format!("bonjour {}", who)
    }
    async fn count(&mut self) -> u64 {
        sleep(1).await;
        self.n += 10;
        self.n
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
    dyn_box!(g.greet("from make"))
}

async fn main() {
    let en = English { n: 0 };
    let fr: Box<dyn Greeter> = Box::new(French { n: 0, delay: 2 });
    let g: &dyn Greeter = &en;
    println!("{} at {}ms", dyn_box!(g.greet("a")).await, now());
    println!("{} at {}ms", fr.greet("b").box.await, now());
    show(fr.greet("c").box).await;
    let mut all = Vec::new();
    all.push(dyn_box!(g.greet("d")));
    all.push(fr.greet("e").box);
    all.push(g.greet("f").box);
    let last = all.pop().unwrap();
    println!("{} at {}ms", last.await, now());
    drop(all);
    println!("dropped two unawaited at {}ms", now());
    let p = Pending { label: "field", fut: fr.greet("g").box };
    println!("{}: {} at {}ms", p.label, p.fut.await, now());
    println!("{} at {}ms", make(&*fr).await, now());
    let mut counter: Box<dyn Greeter> = Box::new(French { n: 5, delay: 0 });
    let c: &mut dyn Greeter = &mut *counter;
    println!("count {} at {}ms", c.count().box.await, now());
}
