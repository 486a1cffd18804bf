// Self in an associated type bound
trait Super<X: ?Sized> {}

trait T {
    type X: Super<Self>;
}

fn use_dyn(_: &dyn T<X = u64>) {}
