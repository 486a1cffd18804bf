// where Self: Sized on the trait exempts its methods
trait T where Self: Sized {
    fn a(&self) -> Self;
    fn n();
}

fn use_dyn(_: &dyn T) {}
