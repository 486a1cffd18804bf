// dynbox-only: associated types in async traits: `dyn Store<Key = u32>`
// with `.box` on its async methods, the associated type in parameters and
// outputs; a generic async fn over `S: Store` calling them statically.
// Boxed: put x 3 + get x 3 (through dyn) = 6.
trait Store {
    type Key;
    async fn put(&mut self, k: Self::Key, v: String) -> usize;
    async fn get(&self, k: Self::Key) -> Option<String>;
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
    async fn put(&mut self, k: u32, v: String) -> usize {
        self.items.push((k, v));
        self.items.len()
    }
    async fn get(&self, k: u32) -> Option<String> {
        yield_now().await;
        for kv in self.items.iter() {
            if kv.0 == k {
                return Some(kv.1.clone());
            }
        }
        None
    }
}

impl Store for SlowStore {
    type Key = u32;
    async fn put(&mut self, k: u32, v: String) -> usize {
        sleep(self.ms).await;
        self.items.push((k * 10, v));
        self.items.len()
    }
    async fn get(&self, k: u32) -> Option<String> {
        sleep(self.ms).await;
        self.items.iter().find(|kv| kv.0 == k).map(|kv| format!("slow:{}", kv.1))
    }
}

async fn fill<S: Store<Key = u32>>(s: &mut S, n: u32) -> usize {
    let mut len = 0;
    for i in 0..n {
        len = s.put(i, format!("v{}", i)).await;
    }
    len
}

async fn main() {
    let mut v = VecStore { items: Vec::new() };
    println!("filled {} at {}ms", fill(&mut v, 2).await, now());
    let mut stores: Vec<Box<dyn Store<Key = u32>>> = vec![Box::new(v), Box::new(SlowStore { items: Vec::new(), ms: 2 })];
    for s in stores.iter_mut() {
        let n = s.put(1, String::from("one")).box.await;
        println!("put -> {} at {}ms", n, now());
    }
    let last = stores.last_mut().unwrap();
    last.put(2, String::from("two")).box.await;
    for s in stores.iter() {
        println!("get 1 -> {:?} at {}ms", s.get(1).box.await, now());
    }
    println!("get 20 -> {:?} at {}ms", stores[1].get(20).box.await, now());
}
