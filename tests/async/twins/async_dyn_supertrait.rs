// The rustc twin of ../async_dyn_supertrait.rs: the async methods of both
// traits desugared into methods returning Pin<Box<dyn Future + '_>>
// (rustc's trait upcasting, stable since 1.86, does the `&dyn Storage`).
#[path = "../../twins/rt.rs"]
mod rt;
use rt::{now, sleep};
use std::future::Future;
use std::pin::Pin;

type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

trait Storage {
    fn has(&self, key: u32) -> bool;
    fn name(&self) -> String;
}

trait Cache: Storage {
    fn store(&mut self, key: u32) -> BoxFut<'_, usize>;
    fn describe(&self) -> BoxFut<'_, String>;
}

struct Mem {
    keys: Vec<u32>,
}

struct Disk {
    keys: Vec<u32>,
    latency: u64,
}

impl Storage for Mem {
    fn has(&self, key: u32) -> bool {
        self.keys.contains(&key)
    }
    fn name(&self) -> String {
        String::from("mem")
    }
}

impl Cache for Mem {
    fn store(&mut self, key: u32) -> BoxFut<'_, usize> {
        Box::pin(async move {
            self.keys.push(key);
            self.keys.len()
        })
    }
    fn describe(&self) -> BoxFut<'_, String> {
        Box::pin(async move {
            let f = fetch(self, 1).await;
            format!("{} with {} keys; {}", self.name(), self.keys.len(), f)
        })
    }
}

impl Storage for Disk {
    fn has(&self, key: u32) -> bool {
        self.keys.contains(&key)
    }
    fn name(&self) -> String {
        format!("disk({}ms)", self.latency)
    }
}

impl Cache for Disk {
    fn store(&mut self, key: u32) -> BoxFut<'_, usize> {
        Box::pin(async move {
            sleep(self.latency).await;
            self.keys.push(key);
            self.keys.len()
        })
    }
    fn describe(&self) -> BoxFut<'_, String> {
        Box::pin(async move {
            let f = fetch(self, 2).await;
            format!("{} with {} keys; {}", self.name(), self.keys.len(), f)
        })
    }
}

async fn fetch(s: &dyn Storage, key: u32) -> String {
    sleep(1).await;
    format!("{}[{}]={}", s.name(), key, s.has(key))
}

fn lookup(s: &dyn Storage, key: u32) -> String {
    format!("{} has {}: {}", s.name(), key, s.has(key))
}

async fn async_main() {
    let mut caches: Vec<Box<dyn Cache>> = vec![Box::new(Mem { keys: vec![1] }), Box::new(Disk { keys: Vec::new(), latency: 3 })];
    for c in caches.iter_mut() {
        let n = c.store(2).await;
        println!("{} stored, {} keys at {}ms", c.name(), n, now());
    }
    for c in caches.iter() {
        println!("{} at {}ms", c.describe().await, now());
        let up: &dyn Storage = &**c;
        println!("via upcast: {} at {}ms", lookup(up, 2), now());
    }
}

fn main() {
    rt::run_main(async_main());
}
