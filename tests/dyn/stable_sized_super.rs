// dynbox: rules=stable
// rules=stable: a `Sized` supertrait, used as `dyn`; directly, through a supertrait.
// rustc rejects every `dyn A` and `dyn Sub` with E0038.

trait A: Sized {
    fn a(&self);
}

trait Sub: A {
    fn sub(&self);
}

fn direct(_: &dyn A) {} //~ ERROR E0038

fn through_super(_: Box<dyn Sub>) {} //~ ERROR E0038

fn main() {}
