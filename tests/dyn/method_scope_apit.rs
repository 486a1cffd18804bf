// rules=method-scope: argument-position `impl Trait`, used as `dyn`; directly, through a supertrait, and gated by `where Self: Sized`.
// A method-level violation: method-scope rules accept `dyn A` and `dyn Sub`.

trait A {
    fn show(&self, x: impl std::fmt::Display);
}

trait Sub: A {
    fn sub(&self);
}

trait G {
    fn show(&self, x: impl std::fmt::Display) where Self: Sized;
    fn a(&self);
}

fn direct(_: &dyn A) {}

fn through_super(_: Box<dyn Sub>) {}

fn gated(_: &dyn G) {}

fn main() {}
