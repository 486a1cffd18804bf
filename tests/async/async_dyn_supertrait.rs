// dynbox-only: a sub-trait's async methods through `dyn Sub` with `.box`,
// its supertrait's methods through the same `dyn Sub` and after upcasting
// `&dyn Sub` to `&dyn Super`, and a sub-trait's async method awaiting an
// inherent async fn on `self` (static: no box). Boxed: 2 impls x (store +
// describe) = 4. (A boxed method in the supertrait itself trips a checker
// bug, E0277 `dyn Storage: Storage`: reported to the lead.)
trait Storage {
    fn has(&self, key: u32) -> bool;
    fn name(&self) -> String;
}

trait Cache: Storage {
    async fn store(&mut self, key: u32) -> usize;
    async fn describe(&self) -> String;
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
    async fn store(&mut self, key: u32) -> usize {
        self.keys.push(key);
        self.keys.len()
    }
    async fn describe(&self) -> String {
        let f = fetch(self, 1).await;
        format!("{} with {} keys; {}", self.name(), self.keys.len(), f)
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
    async fn store(&mut self, key: u32) -> usize {
        sleep(self.latency).await;
        self.keys.push(key);
        self.keys.len()
    }
    async fn describe(&self) -> String {
        let f = fetch(self, 2).await;
        format!("{} with {} keys; {}", self.name(), self.keys.len(), f)
    }
}

async fn fetch(s: &dyn Storage, key: u32) -> String {
    sleep(1).await;
    format!("{}[{}]={}", s.name(), key, s.has(key))
}

fn lookup(s: &dyn Storage, key: u32) -> String {
    format!("{} has {}: {}", s.name(), key, s.has(key))
}

async fn main() {
    let mut caches: Vec<Box<dyn Cache>> = vec![Box::new(Mem { keys: vec![1] }), Box::new(Disk { keys: Vec::new(), latency: 3 })];
    for c in caches.iter_mut() {
        let n = c.store(2).box.await;
        println!("{} stored, {} keys at {}ms", c.name(), n, now());
    }
    for c in caches.iter() {
        println!("{} at {}ms", c.describe().box.await, now());
        let up: &dyn Storage = &**c;
        println!("via upcast: {} at {}ms", lookup(up, 2), now());
    }
}
