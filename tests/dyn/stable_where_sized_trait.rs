// dynbox: rules=stable
// rules=stable: `where Self: Sized` on the trait, used as `dyn`; directly, through a supertrait.
// rustc rejects every `dyn A` and `dyn Sub` with E0038.

trait A where Self: Sized {
    fn a(&self);
}

trait Sub: A {
    fn sub(&self);
}

fn direct(_: &dyn A) {} //~ ERROR E0038

fn through_super(_: Box<dyn Sub>) {} //~ ERROR E0038

fn main() {}
