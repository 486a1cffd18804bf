// Drops across awaits: values owned by an async fn are dropped at the end
// of their scope after resuming; futures dropped unpolled drop their
// arguments; a spawned task still pending when main returns is dropped
// (with what it holds) in creation order.
struct Noisy {
    name: u32,
}

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop noisy {} at {}ms", self.name, now());
    }
}

async fn hold(n: Noisy, ms: u64) -> u32 {
    let local = Noisy { name: n.name + 100 };
    sleep(ms).await;
    println!("hold {} woke at {}ms", local.name, now());
    n.name
}

async fn strings(s: String) -> usize {
    let mut t = String::from("<");
    yield_now().await;
    t.push_str(&s);
    t.push_str(">");
    println!("strings: {}", t);
    t.len()
}

async fn main() {
    let v = hold(Noisy { name: 1 }, 5).await;
    println!("hold returned {}", v);
    let unpolled = hold(Noisy { name: 2 }, 5);
    drop(unpolled);
    println!("after dropping an unpolled future");
    let n = strings(String::from("abc")).await;
    println!("strings returned {}", n);
    let _never = spawn(hold(Noisy { name: 3 }, 1000));
    sleep(10).await;
    println!("main returns at {}ms", now());
}
