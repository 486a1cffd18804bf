// Associated types must be given in `dyn` types (E0191), under both rule
// sets; rustc reports them before (and instead of) dyn compatibility.

trait Source {
    type Item;
    fn next(&mut self) -> Option<Self::Item>;
}

trait Pair {
    type A;
    type B;
    fn a(&self) -> Self::A;
}

trait Fixed: Iterator<Item = u8> {
    fn f(&self);
}

trait Gated {
    type A where Self: Sized;
    fn g(&self);
}

fn missing(_: &dyn Source) {} //~ ERROR the value of the associated type `Item` in `Source` must be specified

fn given(_: &dyn Source<Item = u64>) {}

fn two_missing(_: &dyn Pair) {} //~ ERROR the value of the associated types `A` and `B` in `Pair` must be specified

fn one_missing(_: &dyn Pair<A = u8>) {} //~ ERROR `B` in `Pair`

fn std_iter(_: Box<dyn Iterator>) {} //~ ERROR the value of the associated type `Item` in `Iterator` must be specified

fn std_ok(_: Box<dyn Iterator<Item = u64>>, _f: Box<dyn Fn(u8) -> u8>, _g: &dyn Fixed, _h: &dyn Gated) {}

fn future(_: std::pin::Pin<Box<dyn std::future::Future>>) {} //~ ERROR `Output` in `Future`

fn main() {}
