// The rustc twin of ../async_race_order.rs: the async trait method
// desugared into a method returning Pin<Box<dyn Future + '_>>.
#[path = "../../twins/rt.rs"]
mod rt;
use rt::{now, sleep, spawn};
use std::future::Future;
use std::pin::Pin;

type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

trait Racer {
    fn run(&self, lap: u64) -> BoxFut<'_, &'static str>;
}

struct Car {
    name: &'static str,
    speed: u64,
}

struct Flag {
    name: &'static str,
}

impl Drop for Flag {
    fn drop(&mut self) {
        println!("  drop flag of {} at {}ms", self.name, now());
    }
}

impl Racer for Car {
    fn run(&self, lap: u64) -> BoxFut<'_, &'static str> {
        Box::pin(async move {
            let _f = Flag { name: self.name };
            sleep(lap * 10 / self.speed).await;
            println!("  {} finishes at {}ms", self.name, now());
            self.name
        })
    }
}

fn cars() -> Vec<Box<dyn Racer>> {
    vec![
        Box::new(Car { name: "red", speed: 2 }),
        Box::new(Car { name: "blue", speed: 5 }),
        Box::new(Car { name: "green", speed: 5 }),
    ]
}

async fn race(lap: u64) -> &'static str {
    let mut handles = Vec::new();
    for c in cars() {
        handles.push(spawn(async move { c.run(lap).await }));
    }
    let second = handles.remove(1);
    let winner = second.await;
    println!("  awaited the second racer at {}ms", now());
    drop(handles);
    winner
}

async fn async_main() {
    println!("race 1: {}", race(1).await);
    println!("race 2: {}", race(2).await);
    sleep(20).await;
    println!("main returns at {}ms", now());
}

fn main() {
    rt::run_main(async_main());
}
