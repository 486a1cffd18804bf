// Self as a supertrait type parameter
trait Super<X: ?Sized> {}

trait T: Super<Self> {}

fn use_dyn(_: &dyn T) {}
