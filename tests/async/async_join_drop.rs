// JoinHandle outputs and drops: a task's output moves to whoever awaits the
// handle; a handle dropped before its task ends makes the output dropped as
// soon as the task returns it; tasks run in spawn order at equal times.
struct Out {
    tag: u32,
}

impl Drop for Out {
    fn drop(&mut self) {
        println!("drop out {} at {}ms", self.tag, now());
    }
}

async fn make(tag: u32, ms: u64) -> Out {
    println!("task {} starts at {}ms", tag, now());
    sleep(ms).await;
    println!("task {} returns at {}ms", tag, now());
    Out { tag }
}

async fn main() {
    let a = spawn(make(1, 5));
    let b = spawn(make(2, 5));
    let c = spawn(make(3, 2));
    drop(b);
    println!("handle 2 dropped at {}ms", now());
    let out_c = c.await;
    println!("main got {} at {}ms", out_c.tag, now());
    let out_a = a.await;
    println!("main got {} at {}ms", out_a.tag, now());
    drop(out_c);
    let kept = spawn(make(4, 1));
    sleep(3).await;
    println!("main drops handle 4 at {}ms", now());
    drop(kept);
    println!("main returns at {}ms", now());
}
