// dynbox-only: `.box` on recursive async fns (the proposal's syntax): a
// tree walk and a recursive countdown, each recursive call boxed once.
// Allocations: walk visits 7 nodes (6 boxed calls: one per child) twice
// (sum and depth), countdown(5) boxes 5 times: 17 boxed futures.
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
        total += sum(c).box.await;
    }
    println!("  sum at node {} = {} ({}ms)", n.value, total, now());
    total
}

async fn depth(n: &Node) -> u32 {
    let mut best = 0;
    for c in n.children.iter() {
        let d = dyn_box!(depth(c)).await;
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
    let rest = countdown(n - 1).box.await;
    format!("{} {}", n, rest)
}

async fn main() {
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
