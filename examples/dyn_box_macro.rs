// dynbox: abi=callee
//! The `dyn_box!` macro form under the callee ABI: the implementation allocates its own future
// `dyn_box!(x.m(args))` means the same as `x.m(args).box`. With
// `abi=callee` the vtable slot is a constructor that allocates; the
// output and the allocation count are the same as with `abi=vtable-size`.

trait Store {
    async fn get(&self, key: u64) -> Option<String>;
}

struct Memory {
    delay: u64,
}

impl Store for Memory {
    async fn get(&self, key: u64) -> Option<String> {
        sleep(self.delay).await;
        if key % 2 == 0 {
            Some(format!("value-{}", key))
        } else {
            None
        }
    }
}

async fn lookup(store: &dyn Store, key: u64) {
    match dyn_box!(store.get(key)).await {
        Some(v) => println!("[{}ms] {} -> {}", now(), key, v),
        None => println!("[{}ms] {} -> missing", now(), key),
    }
}

async fn main() {
    let store: Box<dyn Store> = Box::new(Memory { delay: 5 });
    let mut k = 1;
    while k <= 4 {
        lookup(&*store, k).await;
        k += 1;
    }
}
