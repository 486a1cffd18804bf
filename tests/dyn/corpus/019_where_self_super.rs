// Self as a type parameter in the trait where clause
trait Super<X: ?Sized> {}

trait T where Self: Super<Self> {}

fn use_dyn(_: &dyn T) {}
