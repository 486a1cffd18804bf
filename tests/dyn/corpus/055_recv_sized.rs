// undispatchable receiver, gated
trait T {
    fn r(self: &Box<Self>) where Self: Sized;
    fn a(&self);
}

fn use_dyn(_: &dyn T) {}
