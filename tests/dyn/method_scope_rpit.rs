// rules=method-scope: `-> impl Trait`, used as `dyn`; directly, through a supertrait, and gated by `where Self: Sized`.
// A method-level violation: method-scope rules accept `dyn A` and `dyn Sub`.

trait A {
    fn items(&self) -> impl Iterator<Item = u64>;
}

trait Sub: A {
    fn sub(&self);
}

trait G {
    fn items(&self) -> impl Iterator<Item = u64> where Self: Sized;
    fn a(&self);
}

fn direct(_: &dyn A) {}

fn through_super(_: Box<dyn Sub>) {}

fn gated(_: &dyn G) {}

fn main() {}
