// The rustc twin of ../async_box_tree.rs: each `.box` / dyn_box! on a
// recursive call desugared into Box::pin.
#[path = "../../twins/rt.rs"]
mod rt;
use rt::{now, sleep, yield_now};
use std::future::Future;
use std::pin::Pin;

fn boxed<'a, T>(f: impl Future<Output = T> + 'a) -> Pin<Box<dyn Future<Output = T> + 'a>> {
    Box::pin(f)
}

struct Node {
    value: u64,
    children: Vec<Node>,
}

fn leaf(v: u64) -> Node {
    Node { value: v, children: Vec::new() }
}

async fn sum(n: &Node) -> u64 {
    sleep(n.value).await;
    let mut total = n.value;
    for c in n.children.iter() {
        total += boxed(sum(c)).await;
    }
    println!("  sum at node {} = {} ({}ms)", n.value, total, now());
    total
}

async fn depth(n: &Node) -> u32 {
    let mut best = 0;
    for c in n.children.iter() {
        let d = boxed(depth(c)).await;
        if d > best {
            best = d;
        }
    }
    yield_now().await;
    best + 1
}

async fn countdown(n: u32) -> String {
    if n == 0 {
        return String::from("liftoff");
    }
    sleep(1).await;
    let rest = boxed(countdown(n - 1)).await;
    format!("{} {}", n, rest)
}

async fn async_main() {
    let tree = Node {
        value: 1,
        children: vec![
            Node { value: 2, children: vec![leaf(4), leaf(5)] },
            Node { value: 3, children: vec![leaf(6), leaf(7)] },
        ],
    };
    println!("sum = {} at {}ms", sum(&tree).await, now());
    println!("depth = {} at {}ms", depth(&tree).await, now());
    println!("{} at {}ms", countdown(5).await, now());
}

fn main() {
    rt::run_main(async_main());
}
