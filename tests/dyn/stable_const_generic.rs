// dynbox: rules=stable
// rules=stable: a const generic method, used as `dyn`; directly, through a supertrait, and gated by `where Self: Sized`.
// rustc rejects every `dyn A` and `dyn Sub` with E0038.

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

fn direct(_: &dyn A) {} //~ ERROR E0038

fn through_super(_: Box<dyn Sub>) {} //~ ERROR E0038

fn gated(_: &dyn G) {}

fn main() {}
