// The rustc twin of ../async_assoc_dyn.rs: the async methods desugared
// into methods returning Pin<Box<dyn Future + '_>> (the associated type
// stays); the generic fill calls the same methods.
#[path = "../../twins/rt.rs"]
mod rt;
use rt::{now, sleep, yield_now};
use std::future::Future;
use std::pin::Pin;

type BoxFut<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

trait Store {
    type Key;
    fn put(&mut self, k: Self::Key, v: String) -> BoxFut<'_, usize>;
    fn get(&self, k: Self::Key) -> BoxFut<'_, Option<String>>;
}

struct VecStore {
    items: Vec<(u32, String)>,
}

struct SlowStore {
    items: Vec<(u32, String)>,
    ms: u64,
}

impl Store for VecStore {
    type Key = u32;
    fn put(&mut self, k: u32, v: String) -> BoxFut<'_, usize> {
        Box::pin(async move {
            self.items.push((k, v));
            self.items.len()
        })
    }
    fn get(&self, k: u32) -> BoxFut<'_, Option<String>> {
        Box::pin(async move {
            yield_now().await;
            for kv in self.items.iter() {
                if kv.0 == k {
                    return Some(kv.1.clone());
                }
            }
            None
        })
    }
}

impl Store for SlowStore {
    type Key = u32;
    fn put(&mut self, k: u32, v: String) -> BoxFut<'_, usize> {
        Box::pin(async move {
            let v = v;
            sleep(self.ms).await;
            self.items.push((k * 10, v));
            self.items.len()
        })
    }
    fn get(&self, k: u32) -> BoxFut<'_, Option<String>> {
        Box::pin(async move {
            sleep(self.ms).await;
            self.items.iter().find(|kv| kv.0 == k).map(|kv| format!("slow:{}", kv.1))
        })
    }
}

async fn fill<S: Store<Key = u32>>(s: &mut S, n: u32) -> usize {
    let mut len = 0;
    for i in 0..n {
        len = s.put(i, format!("v{}", i)).await;
    }
    len
}

async fn async_main() {
    let mut v = VecStore { items: Vec::new() };
    println!("filled {} at {}ms", fill(&mut v, 2).await, now());
    let mut stores: Vec<Box<dyn Store<Key = u32>>> = vec![Box::new(v), Box::new(SlowStore { items: Vec::new(), ms: 2 })];
    for s in stores.iter_mut() {
        let n = s.put(1, String::from("one")).await;
        println!("put -> {} at {}ms", n, now());
    }
    let last = stores.last_mut().unwrap();
    last.put(2, String::from("two")).await;
    for s in stores.iter() {
        println!("get 1 -> {:?} at {}ms", s.get(1).await, now());
    }
    println!("get 20 -> {:?} at {}ms", stores[1].get(20).await, now());
}

fn main() {
    rt::run_main(async_main());
}
