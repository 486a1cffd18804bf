// rules=method-scope: a generic method, used as `dyn`; directly, through a supertrait, and gated by `where Self: Sized`.
// A method-level violation: method-scope rules accept `dyn A` and `dyn Sub`.

trait A {
    fn tag<T>(&self, t: T);
}

trait Sub: A {
    fn sub(&self);
}

trait G {
    fn tag<T>(&self, t: T) where Self: Sized;
    fn a(&self);
}

fn direct(_: &dyn A) {}

fn through_super(_: Box<dyn Sub>) {}

fn gated(_: &dyn G) {}

fn main() {}
