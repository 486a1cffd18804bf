// rules=method-scope: `Self` in a parameter, used as `dyn`; directly, through a supertrait, and gated by `where Self: Sized`.
// A method-level violation: method-scope rules accept `dyn A` and `dyn Sub`.

trait A {
    fn same(&self, other: &Self) -> bool;
}

trait Sub: A {
    fn sub(&self);
}

trait G {
    fn same(&self, other: &Self) -> bool where Self: Sized;
    fn a(&self);
}

fn direct(_: &dyn A) {}

fn through_super(_: Box<dyn Sub>) {}

fn gated(_: &dyn G) {}

fn main() {}
