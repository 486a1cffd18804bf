// Self as a type parameter in a supertrait's supertrait
trait Super<X: ?Sized> {}

trait B: Super<Self> {}

trait T: B {}

fn use_dyn(_: &dyn T) {}
