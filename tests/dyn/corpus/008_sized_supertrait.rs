// Sized supertrait
trait T: Sized {
    fn a(&self);
}

fn use_dyn(_: &dyn T) {}
