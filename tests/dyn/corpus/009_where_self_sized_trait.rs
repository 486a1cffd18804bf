// where Self: Sized on the trait
trait T where Self: Sized {
    fn a(&self);
}

fn use_dyn(_: &dyn T) {}
