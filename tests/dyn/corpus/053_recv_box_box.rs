// Box<Box<Self>> receiver
trait T {
    fn r(self: Box<Box<Self>>);
}

fn use_dyn(_: &dyn T) {}
