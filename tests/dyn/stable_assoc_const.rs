// dynbox: rules=stable
// rules=stable: an associated const, used as `dyn`; directly, through a supertrait.
// rustc rejects every `dyn A` and `dyn Sub` with E0038.

trait A {
    const C: u32;
    fn a(&self);
}

trait Sub: A {
    fn sub(&self);
}

fn direct(_: &dyn A) {} //~ ERROR E0038

fn through_super(_: Box<dyn Sub>) {} //~ ERROR E0038

fn main() {}
