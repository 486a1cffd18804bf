// Sized two supertraits up
trait A: Sized {}

trait B: A {}

trait T: B {}

fn use_dyn(_: &dyn T) {}
