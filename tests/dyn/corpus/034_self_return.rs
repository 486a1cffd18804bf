// Self returned
trait T {
    fn f(&self) -> Self;
}

fn use_dyn(_: &dyn T) {}
