// differential: skip (method-scope dyn compatibility is dynbox's)
trait Shape {
    fn area(&self) -> u64;
    async fn render(&self) -> String;
    fn corners(&self) -> impl Iterator<Item = u64>;
    fn scaled(&self, k: u64) -> Self;
    fn generic<T>(&self, t: T) -> u64;
}
async fn use_dyn(s: &dyn Shape) {
    let a = s.area();
    let r = s.render().await; //~ ERROR `render` is async, so calling it through `dyn Shape` needs `.box`
    let c = s.corners(); //~ ERROR DB0002
    let k = s.scaled(2); //~ ERROR DB0003
    let g = s.generic(1u8); //~ ERROR has generic type parameters
    let ok = s.render().box.await;
    let bad = s.area().box; //~ ERROR DB0004
}
fn main() {}
