// generic method gated
trait T {
    fn g<X>(&self, x: X) where Self: Sized;
    fn a(&self);
}

fn use_dyn(_: &dyn T) {}
