// differential: skip (dynbox-only: `.box` and dyn_box!)
// Supertrait methods through `dyn Sub`, upcasting, `dyn Sub: Super` when
// Super's methods are all in the vtable even though Sub has a boxed one.
trait Named { fn name(&self) -> String; }
trait Greeter: Named { fn greet(&self) -> String { format!("hi {}", self.name()) } async fn wait(&self) -> u64; }
struct P;
impl Named for P { fn name(&self) -> String { String::from("p") } }
impl Greeter for P { async fn wait(&self) -> u64 { 3 } }
fn show(n: &dyn Named) -> String { n.name() }
async fn go(g: &dyn Greeter) -> u64 {
    let s = show(g);
    let b: Box<dyn Greeter> = Box::new(P);
    let n: Box<dyn Named> = b;
    println!("{} {} {}", s, g.greet(), n.name());
    g.wait().box.await + dyn_box!(g.wait()).await
}
fn main() { let v = block_on(go(&P)); println!("{}", v); }
fn named<T: Named + ?Sized>(t: &T) -> String { t.name() }
fn use_it(g: &dyn Greeter) -> String { named(g) }
