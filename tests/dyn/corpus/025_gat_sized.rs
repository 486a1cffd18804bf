// a GAT gated by where Self: Sized
trait T {
    type G<'a> where Self: Sized;
    fn a(&self);
}

fn use_dyn(_: &dyn T) {}
