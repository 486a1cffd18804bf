// dynbox: rules=stable
// rules=stable: `Self` in an associated type's bound, used as `dyn`; directly, through a supertrait.
// rustc rejects every `dyn A` and `dyn Sub` with E0038.

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
