// Futures dropped mid-flight: tasks still pending when main returns are
// dropped in creation order; each drops the child future it is waiting on
// first (and that child its own), then its locals in reverse order, as
// rustc does. A task finished before main returns dropped its locals then.
struct Guard {
    name: &'static str,
}

impl Drop for Guard {
    fn drop(&mut self) {
        println!("drop {} at {}ms", self.name, now());
    }
}

async fn leaf(ms: u64) -> u64 {
    let _g = Guard { name: "leaf guard" };
    sleep(ms).await;
    ms
}

async fn middle(ms: u64) -> u64 {
    let _a = Guard { name: "middle a" };
    let _b = Guard { name: "middle b" };
    let v = leaf(ms).await;
    println!("middle got {}", v);
    v + 1
}

async fn outer(tag: &'static str, ms: u64) -> u64 {
    let _o = Guard { name: tag };
    yield_now().await;
    middle(ms).await * 2
}

async fn main() {
    let _quick = spawn(outer("quick outer", 1));
    let _stuck = spawn(outer("stuck outer", 100));
    let _other = spawn(async {
        let _x = Guard { name: "block x" };
        sleep(50).await;
    });
    sleep(5).await;
    println!("main returns at {}ms", now());
}
