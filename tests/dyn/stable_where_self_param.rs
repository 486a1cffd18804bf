// dynbox: rules=stable
// rules=stable: `Self` as a type parameter in the trait's `where` clause, used as `dyn`; directly, through a supertrait.
// rustc rejects every `dyn A` and `dyn Sub` with E0038.

trait Super<X: ?Sized> {}

trait A where Self: Super<Self> {}

trait Sub: A {
    fn sub(&self);
}

fn direct(_: &dyn A) {} //~ ERROR E0038

fn through_super(_: Box<dyn Sub>) {} //~ ERROR E0038

fn main() {}
