// Self returned, gated
trait T {
    fn f(&self) -> Self where Self: Sized;
    fn a(&self);
}

fn use_dyn(_: &dyn T) {}
