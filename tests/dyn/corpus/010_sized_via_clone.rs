// Clone implies Sized
trait T: Clone {
    fn a(&self);
}

fn use_dyn(_: &dyn T) {}
