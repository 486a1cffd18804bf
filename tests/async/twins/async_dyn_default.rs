// The rustc twin of ../async_dyn_default.rs: async methods desugared into
// methods returning Pin<Box<dyn Future + '_>>, the default body kept a
// default (its awaits of `self.step()` become calls of the boxed method).
#[path = "../../twins/rt.rs"]
mod rt;
use rt::{now, sleep, yield_now};
use std::future::Future;
use std::pin::Pin;

type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

trait Job {
    fn step(&mut self) -> BoxFut<'_, u64>;
    fn run_twice(&mut self) -> BoxFut<'_, u64> {
        Box::pin(async move {
            let a = self.step().await;
            yield_now().await;
            let b = self.step().await;
            a + b
        })
    }
    fn name(&self) -> String;
}

struct Counter {
    n: u64,
}

struct Timer {
    ms: u64,
}

struct Fixed;

impl Job for Counter {
    fn step(&mut self) -> BoxFut<'_, u64> {
        Box::pin(async move {
            self.n += 1;
            self.n
        })
    }
    fn name(&self) -> String {
        format!("counter({})", self.n)
    }
}

impl Job for Timer {
    fn step(&mut self) -> BoxFut<'_, u64> {
        Box::pin(async move {
            sleep(self.ms).await;
            now()
        })
    }
    fn name(&self) -> String {
        format!("timer({}ms)", self.ms)
    }
}

impl Job for Fixed {
    fn step(&mut self) -> BoxFut<'_, u64> {
        Box::pin(async move { 7 })
    }
    fn run_twice(&mut self) -> BoxFut<'_, u64> {
        Box::pin(async move {
            sleep(1).await;
            self.step().await * 100
        })
    }
    fn name(&self) -> String {
        String::from("fixed")
    }
}

async fn async_main() {
    let mut jobs: Vec<Box<dyn Job>> = vec![Box::new(Counter { n: 0 }), Box::new(Timer { ms: 2 }), Box::new(Fixed)];
    for j in jobs.iter_mut() {
        let twice = j.run_twice().await;
        let once = j.step().await;
        println!("{}: twice {}, then {} at {}ms", j.name(), twice, once, now());
    }
}

fn main() {
    rt::run_main(async_main());
}
