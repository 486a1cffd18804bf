// rules=method-scope: an associated function without `self`, used as `dyn`; directly, through a supertrait, and gated by `where Self: Sized`.
// A method-level violation: method-scope rules accept `dyn A` and `dyn Sub`.

trait A {
    fn new() -> u64;
    fn a(&self);
}

trait Sub: A {
    fn sub(&self);
}

trait G {
    fn new() -> u64 where Self: Sized;
    fn a(&self);
}

fn direct(_: &dyn A) {}

fn through_super(_: Box<dyn Sub>) {}

fn gated(_: &dyn G) {}

fn main() {}
