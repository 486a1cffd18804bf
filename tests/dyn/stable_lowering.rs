// dynbox: rules=stable
// `Self` as a type parameter of a supertrait is found while lowering the
// type: rustc reports it at every occurrence, pointing at the trait's name,
// and suggests `impl Trait` in function signatures.

trait Super<X: ?Sized> {}

trait P: Super<Self> {
    fn p(&self);
}

fn two(_a: &dyn P, _b: &dyn P) {}
//~^ ERROR E0038
//~| ERROR E0038

struct Holder {
    _a: Box<dyn P>, //~ ERROR E0038
    _b: Box<dyn P>, //~ ERROR E0038
}

fn main() {
    let _x: Option<&dyn P> = None; //~ ERROR E0038
}
