// associated function gated by where Self: Sized
trait T {
    fn n() -> Self where Self: Sized;
    fn a(&self);
}

fn use_dyn(_: &dyn T) {}
