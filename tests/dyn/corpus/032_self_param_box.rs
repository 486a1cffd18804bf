// Box<Self> in a parameter
trait T {
    fn f(&self, o: Box<Self>);
}

fn use_dyn(_: &dyn T) {}
