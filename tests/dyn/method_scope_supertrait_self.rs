// rules=method-scope: `Self` as a supertrait's type parameter, used as `dyn`; directly, through a supertrait.
// A trait-level violation: method-scope rules still reject `dyn A`.

trait Super<X: ?Sized> {}

trait A: Super<Self> {}

trait Sub: A {
    fn sub(&self);
}

fn direct(_: &dyn A) {} //~ ERROR E0038

fn through_super(_: Box<dyn Sub>) {} //~ ERROR E0038

fn main() {}
