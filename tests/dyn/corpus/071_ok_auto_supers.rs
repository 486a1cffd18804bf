// Send and Sync supertraits
trait T: Send + Sync + 'static {
    fn a(&self);
}

fn use_dyn(_: &dyn T) {}
