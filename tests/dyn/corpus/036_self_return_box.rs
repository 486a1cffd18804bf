// Box<Self> returned
trait T {
    fn f(&self) -> Box<Self>;
}

fn use_dyn(_: &dyn T) {}
