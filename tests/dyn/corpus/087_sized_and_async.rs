// Sized supertrait plus an async method
trait T: Sized {
    async fn a(&self);
    fn g<X>(&self, x: X);
}

fn use_dyn(_: &dyn T) {}
