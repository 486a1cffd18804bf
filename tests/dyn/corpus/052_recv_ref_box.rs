// &Box<Self> receiver
trait T {
    fn r(self: &Box<Self>);
}

fn use_dyn(_: &dyn T) {}
