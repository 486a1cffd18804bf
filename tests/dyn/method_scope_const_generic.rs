// rules=method-scope: a const generic method, used as `dyn`; directly, through a supertrait, and gated by `where Self: Sized`.
// A method-level violation: method-scope rules accept `dyn A` and `dyn Sub`.

trait A {
    fn nth<const N: usize>(&self) -> u64;
}

trait Sub: A {
    fn sub(&self);
}

trait G {
    fn nth<const N: usize>(&self) -> u64 where Self: Sized;
    fn a(&self);
}

fn direct(_: &dyn A) {}

fn through_super(_: Box<dyn Sub>) {}

fn gated(_: &dyn G) {}

fn main() {}
