// rules=method-scope: a generic associated type, used as `dyn`; directly, through a supertrait, and gated by `where Self: Sized`.
// A trait-level violation: method-scope rules still reject `dyn A`.

trait A {
    type G<'a>;
    fn a(&self);
}

trait Sub: A {
    fn sub(&self);
}

trait G {
    type G<'a> where Self: Sized;
    fn a(&self);
}

fn direct(_: &dyn A) {} //~ ERROR E0038

fn through_super(_: Box<dyn Sub>) {} //~ ERROR E0038

fn gated(_: &dyn G) {}

fn main() {}
