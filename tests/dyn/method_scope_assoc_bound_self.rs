// rules=method-scope: `Self` in an associated type's bound, used as `dyn`; directly, through a supertrait.
// A trait-level violation: method-scope rules still reject `dyn A`.

trait Super<X: ?Sized> {}

trait A {
    type X: Super<Self>;
}

trait Sub: A {
    fn sub(&self);
}

fn direct(_: &dyn A<X = u64>) {} //~ ERROR E0038

fn through_super(_: Box<dyn Sub<X = u64>>) {} //~ ERROR E0038

fn main() {}
