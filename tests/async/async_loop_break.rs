// Loops with awaits: `loop` with `break value` after an await, labeled
// breaks out of nested loops, `continue` skipping awaits, `while let` over
// a Vec drained across awaits, and values owned by an iteration dropped at
// its end even when it breaks.
struct Step {
    n: u32,
}

impl Drop for Step {
    fn drop(&mut self) {
        println!("  drop step {} at {}ms", self.n, now());
    }
}

async fn tick(ms: u64) -> u64 {
    sleep(ms).await;
    now()
}

async fn main() {
    let mut i = 0u32;
    let found = loop {
        let s = Step { n: i };
        let t = tick(1).await;
        if t >= 3 {
            break s.n * 100;
        }
        i += 1;
    };
    println!("found {} at {}ms", found, now());
    let mut hits = Vec::new();
    'outer: for a in 0..4u32 {
        for b in 0..4u32 {
            if b > a {
                continue 'outer;
            }
            if (a + b) % 2 == 1 {
                continue;
            }
            yield_now().await;
            if a * b >= 4 {
                println!("breaking out at ({}, {})", a, b);
                break 'outer;
            }
            hits.push((a, b));
        }
    }
    println!("hits {:?} at {}ms", hits, now());
    let mut queue = vec![3u64, 1, 2];
    let mut log = Vec::new();
    while let Some(ms) = queue.pop() {
        let at = tick(ms).await;
        log.push(at);
        if at == 9 {
            queue.push(1);
        }
    }
    println!("log {:?} at {}ms", log, now());
    let mut n = 0u64;
    while n < 10 {
        n += tick(0).await + 1;
    }
    println!("n = {} at {}ms", n, now());
}
