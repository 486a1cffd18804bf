// differential: skip (dynbox's async runtime and `.box` are not in rustc)
trait Service {
    async fn call(&mut self, req: u32) -> u32;
    fn items(&self) -> impl Iterator<Item = u32>;
    fn name(&self) -> String;
}
struct Echo { seen: u32 }
impl Service for Echo {
    async fn call(&mut self, req: u32) -> u32 {
        sleep(1).await;
        yield_now().await;
        self.seen += 1;
        req + self.seen
    }
    fn items(&self) -> impl Iterator<Item = u32> { (0..self.seen).map(|x| x * 2) }
    fn name(&self) -> String { format!("echo@{}", now()) }
}
struct Layer { inner: Box<dyn Service> }
impl Service for Layer {
    async fn call(&mut self, req: u32) -> u32 { self.inner.call(req + 1).box.await }
    fn items(&self) -> impl Iterator<Item = u32> { self.inner.items().box }
    fn name(&self) -> String { format!("layer({})", self.inner.name()) }
}
// static dispatch through a generic: no boxing
async fn drive<S: Service>(s: &mut S) -> u32 { s.call(1).await + s.call(2).await }
// a recursive async fn is written with a boxed static call
async fn countdown(n: u32) -> u32 {
    if n == 0 { return 0; }
    countdown(n - 1).box.await + 1
}
async fn through_dyn(s: &mut dyn Service) -> u32 {
    let a = s.call(3).box.await;
    let b = dyn_box!(s.call(4)).await;
    let sum: u32 = s.items().box.sum();
    a + b + sum
}
async fn main() {
    let mut e = Echo { seen: 0 };
    let x = drive(&mut e).await;
    let mut l: Box<dyn Service> = Box::new(Layer { inner: Box::new(Echo { seen: 0 }) });
    let y = through_dyn(&mut *l).await;
    let h = spawn(async move { countdown(3).await });
    let z: u32 = h.await;
    let handles: Vec<JoinHandle<u32>> = (0..3).map(|i| spawn(countdown(i))).collect();
    let mut total = 0;
    for h in handles { total += h.await; }
    let fut: std::pin::Pin<Box<dyn std::future::Future<Output = u32>>> = Box::pin(countdown(2));
    let w = fut.await;
    println!("{} {} {} {} {} {}", x, y, z, total, w, l.name());
}
fn sync_entry() -> u32 { block_on(countdown(2)) }
