// where Self: Send + Sync + 'static is allowed
trait T {
    fn f(&self) where Self: Send + Sync + 'static;
}

fn use_dyn(_: &dyn T) {}
