// &Self in a parameter, gated
trait T {
    fn f(&self, o: &Self) -> bool where Self: Sized;
    fn a(&self);
}

fn use_dyn(_: &dyn T) {}
