// async, spawn, boxing through dyn (plain Rust subset: no sleep)
trait Fetch {
    async fn get(&self, k: u32) -> String;
    fn id(&self) -> u32;
}
struct Local;
impl Fetch for Local {
    async fn get(&self, k: u32) -> String { format!("v{}", k) }
    fn id(&self) -> u32 { 7 }
}
async fn twice<F: Fetch>(f: &F) -> String {
    let a = f.get(1).await;
    let b = f.get(2).await;
    a + &b
}
async fn add(a: u32, b: u32) -> u32 { a + b }
async fn chain() -> u32 {
    let x = add(1, 2).await;
    let fut = async move { x * 2 };
    fut.await + add(0, 1).await
}
fn main() {
    let _f = twice(&Local);
    let _c = chain();
    println!("{}", Local.id());
}
