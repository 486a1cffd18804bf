// where Self: Clone implies Sized: exempt
trait T {
    fn w(&self) where Self: Clone;
    fn a(&self);
}

fn use_dyn(_: &dyn T) {}
